package com.switchboard.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Keeps an embedded H2 file database from growing without end.
 * <p>
 * H2 writes every commit as a new chunk at a free place of its file; the pages a chunk replaces stay in the older
 * chunks, which become free once none of their pages is live any more. Its background writer thread moves the live
 * pages out of mostly empty chunks, so that those chunks become free and their space is used again. H2 runs that
 * thread only with a write delay: with {@code WRITE_DELAY=0}, which Switchboard's crash safety needs, nothing moves
 * the live pages, nearly every chunk keeps a few, and the file grows by about every byte written (measured: 3.7 GB
 * after six minutes of the benchmark, 4 % of it live).
 * <p>
 * So every {@code switchboard.database.housekeeping.interval} this moves up to
 * {@code switchboard.database.housekeeping.write-limit} of live pages out of the emptiest chunks while the chunks'
 * fill rate is under {@value #TARGET_FILL_RATE} %, through H2's own {@link MVStore#compact}, which takes H2's store
 * lock as the background writer does. The moved pages are copies of committed data and are written with the next
 * commit; a chunk is freed no sooner than H2's retention time (45 s by default) after its last live page left. The
 * file keeps its largest size while the database is open (shrinking it would move whole chunks, which H2 does only
 * under a lock it keeps to itself), and H2 compacts it only for a moment when the database closes. The file grows far
 * more slowly, or not at all under a moderate load; under a load that keeps H2's store lock busy a round often finds
 * it taken, as it waits for it no longer than H2's own writer (10 ms), and the file grows only about a fifth less
 * (BENCHMARKS.md, step 20).
 * <p>
 * Nothing is done for another database (PostgreSQL keeps its own files), for H2 with a write delay (its background
 * writer does this), in memory, or on an H2 server (the server keeps its own file).
 */
@Component
public class H2Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /**
     * Below H2's own target (90 % idle, 81 % under load): the emptiest chunks free the most space for the fewest pages
     * moved, and a round holds H2's store lock, so every commit waits while it reads the pages it moves.
     */
    static final int TARGET_FILL_RATE = 50;

    private final DataSource dataSource;
    private final int writeLimit;
    /** Looked up once, not with a pool connection every round; empty when this applies to nothing. */
    private Optional<MVStore> store;

    H2Housekeeping(DataSource dataSource,
                   @Value("${switchboard.database.housekeeping.write-limit}") DataSize writeLimit) {
        this.dataSource = dataSource;
        this.writeLimit = (int) Math.min(Integer.MAX_VALUE, writeLimit.toBytes());
    }

    /** One round on the application's database, if it is one this applies to (the scheduler runs one at a time). */
    @Scheduled(fixedDelayString = "${switchboard.database.housekeeping.interval}",
            initialDelayString = "${switchboard.database.housekeeping.interval}")
    void run() {
        try {
            if (store == null || store.filter(MVStore::isClosed).isPresent()) {
                store = lookUp();
            }
            store.ifPresent(this::round);
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 housekeeping failed; the next round tries again: {}", e.toString());
        }
    }

    private Optional<MVStore> lookUp() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> found = writtenThroughFile(connection);
            log.info(found.isPresent()
                    ? "H2 file database with WRITE_DELAY=0: Switchboard moves live pages out of emptied chunks "
                            + "(H2's background writer, which does that, runs only with a write delay)"
                    : "Not an H2 file database written through (WRITE_DELAY=0) in this JVM: no housekeeping needed");
            return found;
        }
    }

    /**
     * The store behind an embedded H2 file database that writes every commit through, or empty if the connection is
     * anything else.
     */
    static Optional<MVStore> writtenThroughFile(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local)) {
            return Optional.empty();
        }
        Database database = local.getDatabase();
        if (!database.isPersistent() || database.isReadOnly() || database.getWriteDelay() > 0) {
            return Optional.empty();
        }
        MVStore store = database.getStore().getMvStore();
        return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
    }

    /** Moves live pages out of the emptiest chunks, up to the write limit, while under the target fill rate. */
    private void round(MVStore store) {
        if (store.compact(TARGET_FILL_RATE, writeLimit)) {
            store.tryCommit();
            log.debug("H2 housekeeping: chunks {} % full; file {} MB", store.getFileStore().getChunksFillRate(),
                    store.getFileStore().size() >> 20);
        }
    }
}
