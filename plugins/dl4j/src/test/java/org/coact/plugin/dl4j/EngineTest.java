package org.coact.plugin.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.coact.api.format.OpenOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's thread settings and the context class loader around engine calls. */
class EngineTest {

    @Test
    void withoutOmpNumThreadsNd4jRunsOneThreadAndAnExplicitOptionWins() throws Exception {
        Engine.start(OpenOptions.NONE, Map.of());
        if (System.getenv("OMP_NUM_THREADS") == null) {
            assertThreads(1);
        }
        try {
            Engine.start(new OpenOptions(Map.of("threads", "2")), Map.of("OMP_NUM_THREADS", "1"));
            assertThreads(2);
        } finally {
            Engine.start(new OpenOptions(Map.of("threads", "1")), Map.of());
        }
        Engine.start(OpenOptions.NONE, Map.of("OMP_NUM_THREADS", "2"));
        assertThreads(1);
    }

    private static void assertThreads(int n) {
        assertEquals(n, Nd4j.getEnvironment().maxMasterThreads(), "op threads");
        assertEquals(n, Nd4j.factory().blas().getMaxThreads(), "BLAS threads");
    }

    @Test
    void engineCallsRunWithThePluginClassLoaderAndRestoreTheCallers() throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        ClassLoader stranger = new ClassLoader(null) {
        };
        t.setContextClassLoader(stranger);
        try {
            assertSame(Engine.class.getClassLoader(), Engine.call(() -> Thread.currentThread().getContextClassLoader()));
            assertSame(stranger, t.getContextClassLoader());
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
