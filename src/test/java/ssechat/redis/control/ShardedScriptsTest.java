package ssechat.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped script that publishes has a sharded variant that publishes the same with SPUBLISH, and nothing else changed. */
class ShardedScriptsTest {

    private static final Pattern CLASSIC_PUBLISH = Pattern.compile("[\"']PUBLISH[\"']");
    private static final Pattern ANY_PUBLISH = Pattern.compile("[\"']S?PUBLISH[\"']");

    @Test
    void everyPublishOfEveryScriptIsShardedInItsVariant() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/ssechat"))) {
            scripts = files.filter(path -> path.toString().endsWith(".lua")).toList();
        }
        int publishing = 0;
        for (Path script : scripts) {
            String source = Files.readString(script);
            String sharded = LuaScript.sharded(source);
            long publishes = ANY_PUBLISH.matcher(source).results().count();
            assertEquals(publishes, ANY_PUBLISH.matcher(sharded).results().count(), script + ": as many publishes");
            assertFalse(CLASSIC_PUBLISH.matcher(sharded).find(), script + ": no classic PUBLISH left in the sharded variant");
            assertEquals(source, sharded.replace("redis.call('SPUBLISH',", "redis.call('PUBLISH',"), script + ": only the publishes change");
            if (publishes > 0) {
                publishing++;
                assertNotEquals(LuaScript.of(source).sha(), LuaScript.of(source).shardedSha(), script + ": its own SHA");
            }
        }
        assertTrue(publishing >= 7, "the scripts that publish to a room's channel were found: " + publishing);
    }
}
