package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheBuildsCommitAndTheCpuModel() throws IOException {
        Properties git = new Properties();
        git.setProperty("git.commit.id", "6da6350c0ffee0000000000000000000000000ab");
        git.setProperty("git.dirty", "true");
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                cpu family\t: 25
                model\t\t: 17
                model name\t: AMD EPYC
                flags\t\t: fpu avx2 avx512f

                processor\t: 1
                cpu family\t: 26
                model\t\t: 2
                model name\t: AMD EPYC
                """);

        Provenance p = new Provenance(git, cpuinfo);

        assertThat(p.commit()).isEqualTo("6da6350c0ffee0000000000000000000000000ab");
        assertThat(p.dirty()).isTrue();
        assertThat(p.cpu()).isEqualTo("AMD EPYC (family 25, model 17)");
        assertThat(p.build()).isEqualTo("commit 6da6350 with uncommitted changes");
        assertThat(p.describe(2)).startsWith("trainer commit 6da6350 with uncommitted changes; Java "
                + Runtime.version() + "; AMD EPYC (family 25, model 17), " + p.processors() + " processors, ")
                .endsWith("; engine threads 2");
        assertThat(p.toMap()).containsEntry("trainerCommit", p.commit()).containsEntry("trainerDirty", true)
                .containsKeys("java", "processors", "vectorBits");
    }

    @Test
    void aCpuinfoWithoutFamilyNumbersGivesTheNameAlone() throws IOException {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6338\n");
        Path noName = Files.writeString(tmp.resolve("arm"), "processor\t: 0\nCPU part\t: 0xd0c\n");

        assertThat(Provenance.cpuModel(cpuinfo)).contains("Intel(R) Xeon(R) Gold 6338");
        assertThat(Provenance.cpuModel(noName)).isEmpty();
    }

    @Test
    void aBuildOutsideGitAndAMachineWithoutCpuinfoSaySo() {
        Provenance p = new Provenance(new Properties(), tmp.resolve("no-cpuinfo"));

        assertThat(p.commit()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.dirty()).isFalse();
        assertThat(p.build()).isEqualTo("commit unknown (built outside a git checkout)");
        assertThat(p.cpu()).isEqualTo(System.getProperty("os.arch"));
        assertThat(p.describe(0)).endsWith("; engine threads the engine's default");
    }

    @Test
    void theVectorWidthIsRecordedWhereTheModuleIsEnabled() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        int bits = Provenance.current().vectorBits();

        if (module) {
            assertThat(bits).isIn(128, 256, 512);
            assertThat(Provenance.current().describe(1)).contains(bits + "-bit Vector API");
        } else {
            assertThat(bits).isZero();
            assertThat(Provenance.current().describe(1)).contains("Vector API not enabled");
        }
    }

    @Test
    void thisBuildKnowsItsCommitWhereItWasBuiltFromACheckout() {
        // The build writes the git properties where a checkout exists; a source tarball has none.
        if (Provenance.class.getResource(Provenance.GIT_PROPERTIES) != null) {
            assertThat(Provenance.current().commit()).matches("[0-9a-f]{40}");
        } else {
            assertThat(Provenance.current().commit()).isEqualTo(Provenance.UNKNOWN);
        }
    }
}
