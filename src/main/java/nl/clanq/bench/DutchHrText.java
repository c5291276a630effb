package nl.clanq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Dutch HR-software text for generated topics, posts and messages: sentences from templates filled
 * from word lists. Deterministic for a given random source.
 *
 * <p>Like a real forum's, the text is not an even mix of its words. A topic has a {@link Theme} (a
 * subject and a module) that most of its sentences are about, and the subjects and modules are
 * drawn by Zipf's law: the pay slip comes up in many topics, the shift allowance in few. A search
 * for two words therefore matches a minority of the topics, as it does on a real forum, instead of
 * the third of all topics that an even mix of a few dozen words gives.
 *
 * <p>The text holds only letters, digits, spaces, hyphens within words and the punctuation
 * {@code . , ? :} — nothing that Markdown or HTML treats specially — and paragraphs are separated
 * by one blank line. That makes {@link #html} exactly what {@code Markdown.render} gives for the
 * same source, without paying for rendering two million posts (a test holds the two equal).
 */
public final class DutchHrText {

    /** Post bodies are at least this long and at most {@link #MAX_POST} characters. */
    public static final int MIN_POST = 100;

    public static final int MAX_POST = 2_000;

    /** Modules, the most talked-about first. */
    private static final String[] MODULES = {
        "salarisadministratie", "verlofregistratie", "verzuimmodule", "personeelsdossier", "selfservice",
        "roosterplanning", "urenregistratie", "declaratiemodule", "rapportagemodule", "werving en selectie",
        "autorisatiebeheer", "jaargesprekken", "opleidingsbeheer", "onboarding", "pensioenkoppeling"
    };
    /** Subjects, the most talked-about first. */
    private static final String[] THINGS = {
        "de loonstrook",
        "het verlofsaldo",
        "de ziekmelding",
        "de workflow",
        "het formulier",
        "de export naar de boekhouding",
        "het contract",
        "de autorisatierol",
        "de urenverantwoording",
        "de jaaropgaaf",
        "het vakantiegeld",
        "de reiskostenvergoeding",
        "het dashboard",
        "de cao-tabel",
        "de managementrapportage",
        "de verlofaanvraag",
        "de indiensttreding",
        "de uitdiensttreding",
        "de proefperiode",
        "de eindejaarsuitkering",
        "de koppeling met het ziekteverzuim",
        "het functieprofiel",
        "de loonheffingskorting",
        "de pensioenpremie",
        "de kostenplaats",
        "de goedkeuringsflow",
        "de 13e maand",
        "het ouderschapsverlof",
        "de loonaangifte",
        "de thuiswerkvergoeding",
        "de overwerkvergoeding",
        "het personeelsnummer",
        "de periodieke verhoging",
        "de functieschaal",
        "de werkkostenregeling",
        "het verzuimpercentage",
        "de bedrijfsarts",
        "het poortwachterdossier",
        "de re-integratie",
        "het opleidingsbudget",
        "de contractverlenging",
        "de transitievergoeding",
        "het geboorteverlof",
        "het zwangerschapsverlof",
        "het IKB-budget",
        "de betaalbatch",
        "het SEPA-bestand",
        "de importtemplate",
        "de organisatiestructuur",
        "de afdelingscode",
        "de single sign-on",
        "de API-koppeling",
        "het e-mailsjabloon",
        "de vacaturetekst",
        "het getuigschrift",
        "de exitvragenlijst",
        "de ploegendienst",
        "de feestdagenregeling",
        "de ORT-toeslag"
    };

    private static final String[] PROBLEMS = {
        "wordt niet goed berekend", "blijft leeg", "geeft een foutmelding", "toont een verkeerd bedrag",
        "wordt dubbel verwerkt", "komt niet door in de export", "is na de update anders", "loopt vast",
        "wordt niet automatisch bijgewerkt", "staat op de verkeerde periode", "mist bij nieuwe medewerkers"
    };
    private static final String[] OPENERS = {
        "Goedemorgen allemaal,", "Hallo,", "Beste collega,", "Hoi allemaal,", "Goedemiddag,", "Beste mede-beheerders,"
    };
    private static final String[] CLOSERS = {
        "Alvast bedankt voor het meedenken.", "Wie heeft hier ervaring mee?", "Groet, en dank alvast.",
        "Ik hoor graag hoe jullie dit hebben opgelost.", "Tips zijn welkom.", "Bedankt!"
    };
    private static final String[] PEOPLE = {
        "onze salarisadministrateur",
        "de leverancier",
        "een collega van de servicedesk",
        "onze controller",
        "de HR-adviseur",
        "de teamleider",
        "een medewerker in deeltijd",
        "de accountant",
        "de OR"
    };
    private static final String[] ACTIONS = {
        "hebben we de instellingen opnieuw gecontroleerd", "heb ik de periode opnieuw afgesloten",
        "hebben we een ticket aangemaakt", "heb ik de parameters per cao aangepast",
        "hebben we de koppeling opnieuw ingericht", "heb ik een testmedewerker aangemaakt",
        "hebben we de autorisaties nagelopen", "heb ik de release notes doorgenomen"
    };
    private static final String[] TEMPLATES = {
        "Sinds de laatste release {problem} bij {thing} in de {module}.",
        "Bij ons {problem} als {person} {thing} aanpast.",
        "In de {module} {problem} zodra we {thing} opnieuw inlezen.",
        "Wij werken met de {module} en merken dat {thing} {problem}.",
        "Daarna {action}, maar {thing} {problem}.",
        "Volgens {person} ligt het aan {thing} in de {module}.",
        "Wij hebben dit ook gehad: eerst {action} en daarna was {thing} weer in orde.",
        "Controleer of {thing} in de {module} op de juiste periode staat.",
        "Bij ons hielp het dat {person} {thing} handmatig corrigeerde.",
        "Is het bekend of {thing} in de volgende versie van de {module} verandert?",
        "Wij gebruiken hiervoor een aparte rapportage, omdat {thing} in de {module} te beperkt is.",
        "Let op: {thing} {problem} als de medewerker halverwege de maand in dienst komt.",
        "Na overleg met {person} {action}.",
        "Kijk ook even naar de instellingen van {thing}, daar zat het bij ons in.",
        "Heeft iemand een handleiding voor {thing} in de {module}?"
    };
    private static final String[] TITLES = {
        "{Thing} {problem} in de {module}",
        "Vraag over {thing} in de {module}",
        "Hoe stellen jullie {thing} in?",
        "Ervaringen met {thing} na de update van de {module}",
        "{Thing} {problem}",
        "Tip: {thing} sneller verwerken in de {module}"
    };

    // Zipf-Mandelbrot (an offset of 3 ranks): the commonest subject is the theme of about 10 % of
    // topics, the rarest of 0.5 %; modules are fewer, so their head is heavier.
    private static final Zipf THING_RANKS = new Zipf(THINGS.length, 3);

    private static final Zipf MODULE_RANKS = new Zipf(MODULES.length, 1);

    private DutchHrText() {}

    /** What a topic is about: most of its sentences name this subject and module. */
    public record Theme(String thing, String module) {}

    /** The theme of a new topic or conversation, the common subjects and modules most often. */
    public static Theme theme(SplittableRandom random) {
        return new Theme(THING_RANKS.pick(random, THINGS), MODULE_RANKS.pick(random, MODULES));
    }

    /** A topic title of 10 to 150 characters, about the theme. */
    public static String title(SplittableRandom random, Theme theme) {
        String title = fill(pick(random, TITLES), random, theme.thing(), theme.module());
        return title.length() > 150 ? title.substring(0, 150).strip() : title;
    }

    /** A topic title of 10 to 150 characters, about a theme of its own. */
    public static String title(SplittableRandom random) {
        return title(random, theme(random));
    }

    /** A conversation subject of 1 to 150 characters. */
    public static String subject(SplittableRandom random, Theme theme) {
        return title(random, theme);
    }

    /**
     * A post body of {@link #MIN_POST} to {@link #MAX_POST} characters, most of it about the theme:
     * most a few hundred characters, with a long tail of long ones.
     */
    public static String post(SplittableRandom random, Theme theme) {
        // A log-normal-like length: median about 350 characters, some near the maximum.
        double gaussian = random.nextGaussian();
        int target = (int) Math.round(Math.exp(5.85 + 0.75 * gaussian));
        target = Math.clamp(target, MIN_POST, MAX_POST);
        return body(random, theme, target, MIN_POST, MAX_POST);
    }

    /** A post body about a theme of its own (see {@link #post(SplittableRandom, Theme)}). */
    public static String post(SplittableRandom random) {
        return post(random, theme(random));
    }

    /** A private message of 20 to 600 characters, most of it about the theme. */
    public static String message(SplittableRandom random, Theme theme) {
        int target = 20 + random.nextInt(400);
        return body(random, theme, target, 20, 600);
    }

    private static String body(SplittableRandom random, Theme theme, int target, int min, int max) {
        // One post in five also brings up another subject, in about a third of its sentences.
        String other = random.nextInt(5) == 0 ? THING_RANKS.pick(random, THINGS) : theme.thing();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder(pick(random, OPENERS));
        int length = paragraph.length();
        int sentencesInParagraph = Integer.MAX_VALUE; // the greeting stands on its own
        while (length < target) {
            String thing = random.nextInt(3) == 0 ? other : theme.thing();
            String sentence = fill(pick(random, TEMPLATES), random, thing, theme.module());
            if (sentencesInParagraph >= 2 + random.nextInt(3)) {
                paragraphs.add(paragraph.toString());
                paragraph = new StringBuilder(sentence);
                length += 2 + sentence.length();
                sentencesInParagraph = 1;
            } else {
                paragraph.append(' ').append(sentence);
                length += 1 + sentence.length();
                sentencesInParagraph++;
            }
        }
        String closer = pick(random, CLOSERS);
        if (length + 2 + closer.length() <= max) {
            paragraphs.add(paragraph.toString());
            paragraphs.add(closer);
        } else {
            paragraphs.add(paragraph.toString());
        }
        String text = String.join("\n\n", paragraphs);
        if (text.length() > max) {
            text = text.substring(0, max);
            int cut = text.lastIndexOf(' ');
            text = (cut > min ? text.substring(0, cut) : text).strip();
            if (!text.endsWith(".")) {
                text = text.length() < max ? text + "." : text.substring(0, max - 1) + ".";
            }
        }
        return text;
    }

    /**
     * The HTML that {@code Markdown.render} makes of a text from this class: one paragraph element
     * per paragraph. Only valid for text from this class (see the class notes).
     */
    public static String html(String text) {
        StringBuilder html = new StringBuilder(text.length() + 32);
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>").append(paragraph).append("</p>\n");
        }
        return html.toString();
    }

    private static String fill(String template, SplittableRandom random, String thing, String module) {
        return template.replace("{module}", module)
                .replace("{Thing}", Character.toUpperCase(thing.charAt(0)) + thing.substring(1))
                .replace("{thing}", thing)
                .replace("{problem}", pick(random, PROBLEMS))
                .replace("{person}", pick(random, PEOPLE))
                .replace("{action}", pick(random, ACTIONS));
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
