package dev.fulcrum.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab scenario, played for real: the client's status, the logged status and error_reason, and whether the
 * connection was kept or closed, and the exchange's ALB access-log line, every column. The same scenarios run in
 * {@code fulcrum lab}.
 */
class LabScenariosTest {

    static Stream<Scenario> scenarios() {
        return Lab.scenarios().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioProducesItsStatusReasonAndConnectionOutcome(Scenario scenario) {
        Lab.Result result = Lab.run(scenario);
        assertThat(result.problems()).as(scenario.name()).isEmpty();
        assertThat(result.passed()).isTrue();
        // The same exchange's access-log line, column by column, as Athena reads it.
        AlbLineShape.check(result.accessLogLine(), scenario, result.listenerPort());
    }

    @Test
    void everyCatalogEntryHasAScenario() {
        Set<LbError> covered = Lab.scenarios().stream().map(Scenario::error).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        Set<LbError> missing = EnumSet.allOf(LbError.class);
        missing.removeAll(covered);
        assertThat(missing).isEmpty();
    }

    @Test
    void scenarioNamesAreUniqueAndStartWithTheirStatus() {
        assertThat(Lab.scenarios()).extracting(Scenario::name).doesNotHaveDuplicates();
        // A status of 0 is ALB's 000: no response at all.
        assertThat(Lab.scenarios()).allSatisfy(s -> assertThat(s.name())
                .startsWith((s.status() == 0 ? "000" : Integer.toString(s.status())) + "-"));
    }
}
