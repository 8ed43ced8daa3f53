package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.golden.TestBundles;
import org.sculpt4d.nn.io.StoredTensor;
import picocli.CommandLine;

class MainTest {

    /** Runs the CLI in-process; returns exit code, stdout and stderr. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String cmd : new String[] {"bench", "convert", "golden-check"}) assertTrue(r.out().contains(cmd), r.out());
    }

    /** Every command, nested ones included, answers --help with its usage (not "missing required options"). */
    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"generate"}, {"golden-check"}, {"bench", "attention4d"}, {"mask"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: sculpt4d " + String.join(" ", cmd)), r.out());
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        Run r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void convertOfAMissingFileIsOneClearLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.ckpt");
        Run r = run("convert", missing.toString(), dir.resolve("out.safetensors").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nope.ckpt"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("out.safetensors")), "nothing written");
    }

    @Test
    void goldenCheckPrintsALinePerOutputAndASummary(@TempDir Path dir) throws IOException {
        Path ok = TestBundles.fps(dir.resolve("fps.safetensors"));
        Run r = run("golden-check", ok.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(ok + " fps PASS index [1, 3] max_abs=0.00e+00 max_rel=0.00e+00 worst=[0, 0] used=0.0"),
                r.out());
        assertTrue(r.out().contains("golden-check: 1 bundle, 1 output: 1 passed, 0 failed, 0 bundles unreadable"), r.out());
    }

    @Test
    void goldenCheckExitsOneOnAFailure(@TempDir Path dir) throws IOException {
        Map<String, StoredTensor> t = TestBundles.fpsTensors();
        t.put("output.index", StoredTensor.ofLongs(new long[] {0, 4, 1}, 1, 3));
        Path bad = TestBundles.write(dir.resolve("bad.safetensors"), TestBundles.metadata("fps", Map.of("count", 3)), t);
        Run r = run("golden-check", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("FAIL index [1, 3] max_abs=1.00e+00 max_rel=1.00e+00 worst=[0, 2] used=9.1e+03"), r.out());
        assertTrue(r.out().contains("0 passed, 1 failed"), r.out());
    }

    @Test
    void goldenCheckNamesEachUnreadableBundleOnOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        Map<String, String> meta = TestBundles.metadata("fps", Map.of("count", 3));
        meta.put("format", "other/1");
        Path wrong = TestBundles.write(dir.resolve("wrong.safetensors"), meta, TestBundles.fpsTensors());
        Path ok = TestBundles.fps(dir.resolve("ok.safetensors"));
        Run r = run("golden-check", missing.toString(), wrong.toString(), ok.toString());
        assertEquals(1, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].endsWith("missing.safetensors: no such file"), lines[0]);
        assertTrue(lines[1].contains("wrong.safetensors: format 'other/1' is not supported"), lines[1]);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.out().contains("1 passed, 0 failed, 2 bundles unreadable"), r.out());
    }
}
