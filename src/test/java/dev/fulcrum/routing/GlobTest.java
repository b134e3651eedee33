package dev.fulcrum.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GlobTest {

    @Test
    void caseInsensitiveMatchingFoldsEveryCharacterAsEqualsIgnoreCaseDoes() {
        // ASCII takes a fast path; these check it agrees with String.equalsIgnoreCase on and around ASCII.
        for (char c = 0; c < 0x250; c++) {
            if (c == '*' || c == '?') {
                continue; // wildcards
            }
            for (char d : new char[] {'a', 'k', 's', 'K', 'S', '@', '[', '`', '{', '\u212a', '\u017f', c}) {
                String a = String.valueOf(c);
                String b = String.valueOf(d);
                assertThat(Glob.caseInsensitive(a).matches(b)).as("%s vs %s", a, b).isEqualTo(a.equalsIgnoreCase(b));
            }
        }
        assertThat(Glob.caseInsensitive("KELVIN.example.com").matches("\u212aelvin.EXAMPLE.com")).isTrue();
    }

    @Test
    void starMatchesAnyRunOfCharactersIncludingNone() {
        Glob glob = Glob.caseSensitive("/img/*.png");
        assertThat(glob.matches("/img/a.png")).isTrue();
        assertThat(glob.matches("/img/.png")).isTrue();
        assertThat(glob.matches("/img/a/b/c.png")).isTrue();
        assertThat(glob.matches("/img/a.png.bak")).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        Glob glob = Glob.caseSensitive("/v?/x");
        assertThat(glob.matches("/v1/x")).isTrue();
        assertThat(glob.matches("/v/x")).isFalse();
        assertThat(glob.matches("/v10/x")).isFalse();
    }

    @Test
    void patternWithoutWildcardsMatchesTheWholeInputOnly() {
        Glob glob = Glob.caseSensitive("/api");
        assertThat(glob.matches("/api")).isTrue();
        assertThat(glob.matches("/api/")).isFalse();
        assertThat(glob.matches("/ap")).isFalse();
        assertThat(glob.matches("")).isFalse();
    }

    @Test
    void starAloneMatchesEverythingIncludingTheEmptyString() {
        Glob glob = Glob.caseSensitive("*");
        assertThat(glob.matches("")).isTrue();
        assertThat(glob.matches("anything at all")).isTrue();
        assertThat(Glob.caseSensitive("**").matches("x")).isTrue();
    }

    @Test
    void starRetriesLaterOccurrencesOfWhatFollowsIt() {
        assertThat(Glob.caseSensitive("*ab").matches("aab")).isTrue();
        assertThat(Glob.caseSensitive("a*b*c").matches("abxbxc")).isTrue();
        assertThat(Glob.caseSensitive("a*b*c").matches("abxbx")).isFalse();
    }

    @Test
    void caseSensitiveGlobTellsCasesApart() {
        assertThat(Glob.caseSensitive("/API").matches("/api")).isFalse();
    }

    @Test
    void caseInsensitiveGlobIgnoresCaseInPatternAndInput() {
        assertThat(Glob.caseInsensitive("*.EXAMPLE.com").matches("www.example.COM")).isTrue();
    }

    @Test
    void backslashEscapesMakeStarAndQuestionMarkLiteral() {
        Glob glob = Glob.caseInsensitiveWithEscapes("a\\*b\\?");
        assertThat(glob.matches("a*b?")).isTrue();
        assertThat(glob.matches("axxbc")).isFalse();
        assertThat(Glob.caseInsensitiveWithEscapes("a\\\\b").matches("a\\b")).isTrue();
    }

    @Test
    void backslashBeforeAnOrdinaryCharacterIsItselfLiteral() {
        assertThat(Glob.caseInsensitiveWithEscapes("a\\b").matches("a\\b")).isTrue();
        assertThat(Glob.caseInsensitiveWithEscapes("a\\").matches("a\\")).isTrue();
    }

    @Test
    void backslashIsLiteralWhereEscapesAreNotEnabled() {
        assertThat(Glob.caseSensitive("a\\*").matches("a\\xyz")).isTrue();
    }

    @Test
    void nullInputNeverMatches() {
        assertThat(Glob.caseSensitive("*").matches(null)).isFalse();
    }

    @Test
    @Timeout(5) // exponential backtracking would take ages here; the two-pointer scan is linear for this input
    void pathologicalPatternFinishesQuicklyWithoutBacktrackingBlowUp() {
        Glob glob = Glob.caseSensitive("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        assertThat(glob.matches("a".repeat(100_000))).isFalse();
        assertThat(glob.matches("a".repeat(100_000) + "b")).isTrue();
    }

    @Test
    void agreesWithAnEquivalentRegexOnRandomPatternsAndInputs() {
        Random random = new Random(42);
        for (int run = 0; run < 20_000; run++) {
            String pattern = randomString(random, "ab*?", 6);
            String input = randomString(random, "ab", 8);
            String regex = pattern.replace("?", ".").replace("*", ".*");

            assertThat(Glob.caseSensitive(pattern).matches(input)).as("%s ~ %s", pattern, input)
                    .isEqualTo(Pattern.matches(regex, input));
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
