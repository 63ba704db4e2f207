package ssechat.it;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every text a page shows a person: its visible text nodes, the placeholders, titles and
 * aria-labels of its visible elements, the day labels drawn from data-day, and the document
 * title. Used to check that a language switch left nothing in the old language.
 */
public final class PageTexts {

    /** Collects the texts; with arguments[0] a CSS selector, first clicks that element (in the same task). */
    private static final String COLLECT = """
            if (arguments[0]) document.querySelector(arguments[0]).click();
            const shown = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
            const texts = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
              const el = node.parentElement;
              if (node.textContent.trim() && !el.closest('svg, script, style, .sr-only') && shown(el)) texts.push(node.textContent.trim());
            }
            for (const el of document.body.querySelectorAll('*')) {
              if (!shown(el)) continue;
              for (const name of ['placeholder', 'title', 'aria-label', 'data-day']) {
                if (el.getAttribute(name)) texts.push(el.getAttribute(name));
              }
            }
            return texts;
            """;
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");

    private PageTexts() {
    }

    /** The texts right after clicking {@code click} (null: no click), before any timer of the page runs. */
    @SuppressWarnings("unchecked")
    public static List<String> collect(JavascriptExecutor page, String click) {
        return (List<String>) page.executeScript(COLLECT, click);
    }

    /**
     * The texts that still hold a Latin word once every allowed text is taken out: user names,
     * room names, message texts and the few words that stay as they are in Chinese (the product's
     * name, "English" on the language switch, key names).
     */
    public static List<String> latinLeftovers(List<String> texts, Collection<String> allowed) {
        List<String> longestFirst = allowed.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return texts.stream().filter(text -> {
            String rest = text;
            for (String word : longestFirst) {
                rest = rest.replace(word, " ");
            }
            return LATIN_WORD.matcher(rest).find();
        }).toList();
    }
}
