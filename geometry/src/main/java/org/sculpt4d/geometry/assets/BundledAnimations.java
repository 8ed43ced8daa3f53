package org.sculpt4d.geometry.assets;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.io.Md2Reader;
import org.sculpt4d.geometry.io.MeshFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Real animated meshes shipped in this jar, for demos and tests. Each comes with its licence text beside it
 * ({@code <name>-LICENSE.txt} in this package's resources).
 */
public final class BundledAnimations {
    private BundledAnimations() {
    }

    /**
     * The Irrlicht engine's "faerie" Quake II model (zlib-style Irrlicht licence): 198 keyframes (stand, run, attack,
     * pain, jump, …) of one fixed-topology mesh, y-up, about 60 units tall.
     */
    public static MeshSequence faerie() {
        return faerieModel().sequence();
    }

    /** The faerie with its frame names. */
    public static Md2Reader.Md2Model faerieModel() {
        try {
            return Md2Reader.read(resource("faerie.md2"), Path.of("faerie.md2"));
        } catch (MeshFormatException e) {
            throw new IllegalStateException("bundled asset is damaged: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = BundledAnimations.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("bundled asset " + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("bundled asset " + name + " cannot be read", e);
        }
    }
}
