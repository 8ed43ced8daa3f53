package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.MeshTopology;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The npm {@code bunny@1.0.1} Stanford bunny: a real scan that is closed, genus 0 and wound outward. */
class BunnyTest {
    @TempDir
    Path dir;

    /** Parses the package's {@code exports.positions=[[x,y,z],…]; exports.cells=[[i,j,k],…]} JavaScript. */
    static TriangleMesh bunny() throws IOException {
        String js = Files.readString(TestMeshes.realFile("bunny-1.0.1/index.js"));
        int cells = js.indexOf("exports.cells");
        Matcher number = Pattern.compile("-?[0-9.]+(?:[eE][-+]?[0-9]+)?").matcher(js);
        int start = js.indexOf("exports.positions") + "exports.positions".length();
        float[] p = new float[3 * 1839 + 3];
        int np = 0;
        int[] f = new int[3 * 3674 + 3];
        int nf = 0;
        while (number.find(start)) {
            if (number.start() < cells) {
                p[np++] = Float.parseFloat(number.group());
            } else if (number.start() > cells + "exports.cells".length()) {
                f[nf++] = Integer.parseInt(number.group());
            }
            start = number.end();
        }
        assertEquals(3 * 1839, np, "the README's 1,839 vertices");
        assertEquals(3 * 3674, nf, "3,674 triangles");
        return new TriangleMesh(java.util.Arrays.copyOf(p, np), java.util.Arrays.copyOf(f, nf));
    }

    @Test
    void closedGenusZeroAndOutward() throws IOException {
        TriangleMesh bunny = bunny();
        MeshTopology t = new MeshTopology(bunny);
        assertTrue(t.isClosedManifold(), t.toString());
        assertEquals(1, t.componentCount());
        assertEquals(0, t.genus());
        assertEquals(2, t.eulerCharacteristic());
        assertTrue(MeshMeasures.signedVolume(bunny) > 0, "outward winding");
        assertEquals(0, MeshMeasures.degenerateFaceCount(bunny));
    }

    @Test
    void survivesEveryWriter() throws IOException {
        TriangleMesh bunny = bunny();
        for (String name : new String[] {"bunny.obj", "bunny.ply", "bunny.ply.gz"}) {
            for (PlyEncoding e : PlyEncoding.values()) {
                Path file = dir.resolve(name);
                MeshFiles.write(file, bunny, e);
                TriangleMesh back = MeshFiles.read(file);
                assertArrayEquals(bunny.positions(), back.positions(), name + " " + e);
                assertArrayEquals(bunny.faces(), back.faces(), name + " " + e);
            }
        }
    }
}
