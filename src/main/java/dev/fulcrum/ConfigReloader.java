package dev.fulcrum;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.FulcrumConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a configuration file to a running load balancer when it changes (watched on its own thread, changes
 * debounced so that an editor's several writes make one reload) or when asked (SIGHUP). A file that does not
 * validate is refused with every problem logged, and the running configuration stays.
 */
public final class ConfigReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);
    /** Quiet time after the last change event before the file is read. */
    static final Duration DEBOUNCE = Duration.ofMillis(300);

    private final Path file;
    private final Fulcrum fulcrum;
    private WatchService watcher;
    private Thread thread;

    public ConfigReloader(Path file, Fulcrum fulcrum) {
        this.file = file.toAbsolutePath();
        this.fulcrum = fulcrum;
    }

    /** Reads the file and applies it; returns whether the running configuration changed. */
    public synchronized boolean reload() {
        FulcrumConfig next;
        try {
            next = ConfigLoader.load(file);
        } catch (ConfigException e) {
            log.error("{}: not reloaded, {} problem(s); the running configuration stays", file, e.problems().size());
            e.problems().forEach(p -> log.error("  {}", p));
            return false;
        }
        if (next.equals(fulcrum.config())) {
            log.info("{}: unchanged", file);
            return false;
        }
        next.warnings(Instant.now()).forEach(w -> log.warn("{}: {}", file, w));
        try {
            fulcrum.reload(next);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            log.error("{}: reload failed; the running configuration stays", file, e);
            return false;
        }
    }

    /** Starts watching the file's directory for changes to the file. */
    public ConfigReloader watch() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(this::watchLoop, "fulcrum-config-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("Watching {} for changes", file);
        return this;
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = drain(key);
                // Debounce: keep collecting until the directory has been quiet for a while.
                while ((key = watcher.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    ours |= drain(key);
                }
                if (ours) {
                    reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private boolean drain(WatchKey key) {
        boolean ours = key.pollEvents().stream()
                .anyMatch(e -> e.context() instanceof Path p && file.getFileName().equals(p));
        key.reset();
        return ours;
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
