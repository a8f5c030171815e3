import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/** Writes the first N draws of SplittableRandom(seed).nextGaussian() as doubles (scripts/jvm-gaussians.sh). */
public class JvmGaussians {
    public static void main(String[] args) throws IOException {
        SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[1]));
        int n = Integer.parseInt(args[2]);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[0])))) {
            for (int i = 0; i < n; i++) {
                out.writeDouble(rnd.nextGaussian());
            }
        }
    }
}
