import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs an embedded Neo4j 5.26 Community DBMS for tests (started by scripts/infra/up.sh).
 *
 * Usage: java -cp 'classes:libs/*' Neo4jLauncher <homeDir> <host> <boltPort> <password>
 *
 * - Data goes to <homeDir>/data, Neo4j's own logs to <homeDir>/logs.
 * - Bolt on host:port, unencrypted; no HTTP connector (the embedded API has none).
 * - Auth is ENABLED. The built-in user `neo4j` gets <password> through
 *   `ALTER USER neo4j SET PASSWORD ... CHANGE NOT REQUIRED` on the system database (embedded
 *   transactions run with full privileges, so no prior login is needed). Clients use basic auth
 *   neo4j/<password>.
 * - Usage-data reporting (UDC) is off: no traffic leaves the machine.
 * - A shutdown hook stops the DBMS cleanly on SIGTERM/SIGINT.
 * - Prints "JUNCTION-NEO4J-READY" on stdout once Bolt is up and the password is set; up.sh waits
 *   for that line.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Neo4jLauncher <homeDir> <host> <boltPort> <password>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String password = args[3];

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Neo4jLauncher: shutting down");
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                t.printStackTrace();
            }
            System.out.println("Neo4jLauncher: stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                    java.util.Map.of("pw", password));
        } catch (RuntimeException e) {
            // Kept data dir whose password is already the requested one ("Old password and new
            // password cannot be the same"): nothing to do.
            System.out.println("Neo4jLauncher: password not changed: " + e.getMessage());
        }
        // Touch the default database so it is fully started before we announce readiness.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");

        System.out.println("JUNCTION-NEO4J-READY bolt=" + host + ":" + port);
        System.out.flush();
        stopped.await();
    }
}
