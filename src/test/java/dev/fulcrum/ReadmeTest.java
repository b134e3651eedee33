package dev.fulcrum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's promises stay in step with the code. */
class ReadmeTest {

    @Test
    void documentsEveryBalancerGeneratedStatusWithItsErrorReason() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (LbError e : LbError.values()) {
            assertThat(readme).as(e.name()).contains("| " + (e.status() == 0 ? "000" : Integer.toString(e.status())) + " | `"
                    + e.errorReason() + "` |");
        }
    }

    @Test
    void showsTheTwoCommandsANewcomerNeeds() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("./fulcrum demo").contains("mvn -B verify");
    }
}
