package nl.clanq.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompoundsTests {

    @Test
    void aWordMadeOfKnownWordsAsksForTheCompoundOrAllItsParts() {
        assertThat(Compounds.expand("loonstrook export")).isEqualTo("(loonstrook | (loon strook)) export");
        assertThat(Compounds.expand("Verlofregistratie")).isEqualTo("(Verlofregistratie | (verlof registratie))");
    }

    @Test
    void aLinkingSBetweenThePartsIsAllowed() {
        assertThat(Compounds.split("salarisadministratie")).containsExactly("salaris", "administratie");
        assertThat(Compounds.split("dienstverbandsperiode")).containsExactly("dienst", "verband", "periode");
    }

    @Test
    void wordsThatAreNotWhollyKnownWordsStayAsTheyAre() {
        assertThat(Compounds.expand("ouderschapsverlof loonheffingskorting"))
                .isEqualTo("ouderschapsverlof loonheffingskorting");
        assertThat(Compounds.expand("salarissen")).isEqualTo("salarissen");
    }

    @Test
    void queriesWrittenWithSearchSyntaxAreLeftAlone() {
        assertThat(Compounds.expand("\"loonstrook export\"")).isEqualTo("\"loonstrook export\"");
        assertThat(Compounds.expand("loonstrook -export")).isEqualTo("loonstrook -export");
    }
}
