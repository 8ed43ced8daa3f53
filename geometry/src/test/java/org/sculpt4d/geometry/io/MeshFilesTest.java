package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.TestMeshes;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasTheFolderUsualPermissions() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return;
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path mesh = dir.resolve("cube.ply");
        MeshFiles.write(mesh, TestMeshes.cube());
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(mesh));
    }

    @Test
    void unknownExtensionsAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = dir.resolve("cube.stl");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeshFiles.write(file, TestMeshes.cube()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
        assertThrows(IllegalArgumentException.class, () -> MeshFiles.read(file));
    }

    @Test
    void aMissingFolderFailsWithoutLeavingAnything() {
        Path file = dir.resolve("missing").resolve("cube.obj");
        assertThrows(NoSuchFileException.class, () -> MeshFiles.write(file, TestMeshes.cube()));
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void aDamagedGzipStreamIsAFormatError() throws IOException {
        Path file = dir.resolve("cube.ply.gz");
        MeshFiles.write(file, TestMeshes.cube());
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(file));
        assertTrue(e.getMessage().startsWith(file + ": byte 0: "), e.getMessage());
    }
}
