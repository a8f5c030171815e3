package org.convncf.trainer.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.convncf.trainer.model.bpr.Adagrad;
import org.junit.jupiter.api.Test;

/**
 * Guards against the bug behind {@code BprTrainer.l2}: DJL's NDArray arithmetic with a Java number
 * ({@code x.mul(0.5f)}, {@code x.add(1)}, ...) wraps the number in a tensor over a Java direct buffer
 * and closes it as soon as the result exists. Autograd keeps that tensor for the backward pass, so a
 * garbage collection between forward and backward frees memory the gradient still reads. The rule:
 * code that can run inside a gradient collector (the trainer and the shared CNN block) builds
 * scalars with the engine ({@code manager.full(new Shape(), v)}) instead. The optimizer step, which
 * runs outside the collector, is the one exception.
 */
class AutogradOperandsTest {

    private static final DescribedPredicate<JavaMethodCall> NDARRAY_OP_WITH_A_NUMBER = DescribedPredicate.describe(
            "an NDArray method with a Number operand",
            call -> call.getTargetOwner().isAssignableTo(NDArray.class)
                    && call.getTarget().getRawParameterTypes().stream().anyMatch(t -> t.isAssignableTo(Number.class)));

    private static ArchRule rule() {
        return noClasses().that().resideInAnyPackage("org.convncf.trainer..", "org.convncf.nn..")
                .and().doNotHaveFullyQualifiedName(Adagrad.class.getName())
                .should().callMethodWhere(NDARRAY_OP_WITH_A_NUMBER)
                .because("autograd may keep the scalar DJL frees at once; use manager.full(new Shape(), value)");
    }

    @Test
    void noNumberOperandOnAnAutogradPath() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.convncf.trainer", "org.convncf.nn");
        assertThat(production).as("classes imported").hasSizeGreaterThan(50);
        rule().check(production);
    }

    @Test
    void theRuleCatchesTheOriginalBug() {
        JavaClasses offender = new ClassFileImporter().importClasses(OldPenalty.class);
        EvaluationResult result = rule().evaluate(offender);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("NDArray.mul(java.lang.Number)");
    }

    /** The penalty as it was before the fix. */
    static final class OldPenalty {
        static NDArray l2(NDArray x, double lambda) {
            return x.square().sum().mul((float) lambda);
        }
    }
}
