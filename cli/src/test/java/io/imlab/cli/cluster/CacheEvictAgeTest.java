package io.imlab.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The ages {@code imlab cache evict --older-than} accepts. */
class CacheEvictAgeTest {
    @Test
    void shortFormsAndIsoDurationsParse() {
        assertThat(CacheCommand.EvictCommand.parseAge("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(CacheCommand.EvictCommand.parseAge("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(CacheCommand.EvictCommand.parseAge("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(CacheCommand.EvictCommand.parseAge("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(CacheCommand.EvictCommand.parseAge("P7D")).isEqualTo(Duration.ofDays(7));
        assertThat(CacheCommand.EvictCommand.parseAge("pt6h")).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void anythingElseNamesTheOption() {
        assertThatThrownBy(() -> CacheCommand.EvictCommand.parseAge("a week"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--older-than").hasMessageContaining("a week");
    }

    @Test
    void aHashAndAnAgeTogetherAreRefused() {
        CacheCommand.EvictCommand command = new CacheCommand.EvictCommand();
        command.hash = "0123456789";
        command.olderThan = "30d";
        assertThat(command.call()).isEqualTo(io.imlab.cli.Main.EXIT_CONFIGURATION_ERROR);
    }
}
