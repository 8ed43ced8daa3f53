package org.sculpt4d.mask4d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskConfigTest {

    @Test
    void missingKeysTakeTheDocumentedDefaults() {
        MaskConfig c = MaskConfig.fromMap(Map.of(), "b.safetensors");
        assertEquals(Mask4DPreset.SCULPT4D, c.preset());
        assertEquals(new MaskSettings(88, 4, 4, true, true), c.settings());
    }

    @Test
    void everyKeyIsRead() {
        MaskConfig c = MaskConfig.fromMap(Map.of("preset", "fixed-stride", "block_size", 3, "half_life", 1.5, "stride", 2,
                "anchor_row", false, "anchor_col", true), "b.safetensors");
        assertEquals(Mask4DPreset.FIXED_STRIDE, c.preset());
        assertEquals(new MaskSettings(3, 1.5, 2, false, true), c.settings());
    }

    @Test
    void badValuesNameTheSourceAndTheKey() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MaskConfig.fromMap(Map.of("halflife", 2), "b.safetensors"));
        assertTrue(unknown.getMessage().startsWith("b.safetensors (mask): unknown config key(s) [halflife]"), unknown.getMessage());
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class,
                () -> MaskConfig.fromMap(Map.of("preset", "diagonal"), "b.safetensors"));
        assertTrue(preset.getMessage().startsWith("b.safetensors (mask): mask preset 'diagonal'"), preset.getMessage());
        IllegalArgumentException block = assertThrows(IllegalArgumentException.class,
                () -> MaskConfig.fromMap(Map.of("block_size", 0), "b.safetensors"));
        assertTrue(block.getMessage().contains("block size must be at least 1, got 0"), block.getMessage());
    }
}
