package realtime.grpc;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a test's blocking calls on threads of its own. The common fork-join pool has one thread
 * fewer than the machine has cores, so on a small machine a call stuck there would hold up every
 * later test.
 */
final class Background implements AutoCloseable {

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-background");
        thread.setDaemon(true);
        return thread;
    });

    <T> CompletableFuture<T> call(Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    CompletableFuture<Void> run(Task task) {
        return call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
