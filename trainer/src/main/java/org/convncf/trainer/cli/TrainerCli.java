package org.convncf.trainer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.convncf.trainer.model.TrainingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trainer} command line. */
@Command(name = "trainer", mixinStandardHelpOptions = true, version = "ConvNCF trainer 0.1.0",
        description = "Train, evaluate and publish ConvNCF and baseline recommenders.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, TuneCommand.class, PairedCommand.class,
                BenchmarkCommand.class, EngineCommand.class, CommandLine.HelpCommand.class})
public final class TrainerCli {

    private TrainerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 failure, 2 bad input. */
    public static int run(String... args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                    || e instanceof TrainingException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
