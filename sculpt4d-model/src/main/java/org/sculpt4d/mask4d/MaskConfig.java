package org.sculpt4d.mask4d;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;

/**
 * The {@code mask} object of a 4D config (golden-format.md): {@code preset}, {@code block_size}, {@code half_life},
 * {@code stride}, {@code anchor_row}, {@code anchor_col}; a missing key takes the documented default of
 * sculpt4d-method.md §2 ({@code sculpt4d} and {@link MaskSettings#DEFAULT}).
 *
 * @param preset   the named mask
 * @param settings its parameters
 */
public record MaskConfig(Mask4DPreset preset, MaskSettings settings) {
    private static final List<String> KEYS = List.of("preset", "block_size", "half_life", "stride", "anchor_row", "anchor_col");

    /** The mask itself. */
    public FrameMask mask() {
        return preset.mask(settings);
    }

    /** Reads {@code raw} (a JSON object); errors name {@code source} and the key. */
    public static MaskConfig fromMap(Map<String, ?> raw, String source) {
        ConfigReader c = new ConfigReader(raw, source + " (mask)");
        c.rejectUnknown(KEYS, Set.of());
        MaskSettings d = MaskSettings.DEFAULT;
        try {
            Mask4DPreset preset = raw.containsKey("preset") ? Mask4DPreset.parse(c.string("preset")) : Mask4DPreset.SCULPT4D;
            return new MaskConfig(preset, new MaskSettings(c.integerOr("block_size", d.blockSize()),
                    c.numberOr("half_life", d.halfLife()), c.integerOr("stride", d.stride()),
                    raw.containsKey("anchor_row") ? c.bool("anchor_row") : d.anchorRow(),
                    raw.containsKey("anchor_col") ? c.bool("anchor_col") : d.anchorColumn()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(source)) throw e;
            throw new IllegalArgumentException(source + " (mask): " + e.getMessage(), e);
        }
    }
}
