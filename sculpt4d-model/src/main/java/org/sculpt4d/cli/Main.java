package org.sculpt4d.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.sculpt4d.tensor.backend.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code sculpt4d} command line. Run it through the top-level {@code ./sculpt4d} launcher. */
@Command(name = "sculpt4d", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT, // --help and --version on every subcommand too
        description = "Sculpt4D in pure Java: Hunyuan3D 2.1's shape stack made 4D.",
        subcommands = {
                BenchCommand.class,
                ConvertCommand.class,
                DecodeCommand.class,
                DemoCommand.class,
                EncodeCommand.class,
                EncodeImageCommand.class,
                FlopsCommand.class,
                GenerateCommand.class,
                GoldenCheckCommand.class,
                MaskCommand.class,
                MetricsCommand.class,
                SampleCommand.class,
                ViewCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--backend", scope = CommandLine.ScopeType.INHERIT,
            description = "Compute backend: vector (default when jdk.incubator.vector is present), scalar, or tornado "
                    + "(the optional TornadoVM module; README, \"GPU with TornadoVM\").")
    void backend(String name) {
        try {
            Backends.use(name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backend " + name + ": " + e.getMessage());
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: user errors print one clear line, never a stack trace. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("sculpt4d " + cmd.getCommandName() + ": " + describe(e));
            if (Boolean.getBoolean("sculpt4d.debug")) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    /** This build's version and the compute backend, for run manifests. */
    static Map<String, String> versions() {
        String v = Main.class.getPackage().getImplementationVersion();
        return Map.of("sculpt4d", v == null ? "dev" : v, "backend", Backends.current().name());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Map<String, String> v = versions();
            return new String[] {"sculpt4d " + v.get("sculpt4d") + " (Java " + Runtime.version() + ", backend "
                    + v.get("backend") + ")"};
        }
    }
}
