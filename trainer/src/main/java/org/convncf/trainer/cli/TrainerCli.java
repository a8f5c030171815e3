package org.convncf.trainer.cli;

import ai.djl.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.convncf.trainer.model.TrainingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trainer} command line. */
@Command(name = "trainer", mixinStandardHelpOptions = true, version = "ConvNCF trainer 0.1.0",
        description = "Train, evaluate and publish ConvNCF and baseline recommenders.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, TuneCommand.class, PairedCommand.class,
                CurvesCommand.class, BenchmarkCommand.class, EngineCommand.class, CommandLine.HelpCommand.class})
public final class TrainerCli {

    private static final Logger log = LoggerFactory.getLogger(TrainerCli.class);

    private TrainerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 failure, 2 bad input. */
    public static int run(String... args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd.getErr(), System.getenv("PYTORCH_LIBRARY_PATH")));
        return cli.execute(args);
    }

    /**
     * The exit code of a command that threw {@code e}, after one {@code error:} line: 2 for bad input,
     * 1 for an engine that failed (e.g. a libtorch the JNI was not built for); anything else is a bug
     * and keeps its stack trace.
     */
    static int failure(Exception e, PrintWriter err, String libraryPath) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof TrainingException) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (e instanceof EngineException) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            err.println("error: the PyTorch engine failed: " + message + (libraryPath == null ? ""
                    : " (PYTORCH_LIBRARY_PATH=" + libraryPath + "; this build's JNI, " + jniVersion()
                            + ", runs only the libtorch version it names)"));
            log.debug("engine failure", e);
            return 1;
        }
        throw e;
    }

    /** The PyTorch JNI's {@code libtorch-djl} version pair, as its jar declares it. */
    static String jniVersion() {
        try (InputStream in = TrainerCli.class.getResourceAsStream("/jnilib/pytorch.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("jni_version", "version unknown");
        } catch (IOException e) {
            return "version unknown";
        }
    }
}
