package org.sculpt4d.tornado;

import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;

/**
 * One task graph holding a single kernel task called {@value #TASK}, compiled once by TornadoVM and launched many
 * times over grids of different sizes: the shapes travel in an int parameter array, so one compilation serves every
 * call whose data fits the graph's buffers.
 */
final class CompiledKernel {
    static final String TASK = "kernel";

    private final TornadoExecutionPlan plan;
    private final WorkerGrid grid;

    private CompiledKernel(TaskGraph graph, WorkerGrid grid) {
        this.grid = grid;
        this.plan = new TornadoExecutionPlan(graph.snapshot());
        plan.withGridScheduler(new GridScheduler(graph.getTaskGraphName() + "." + TASK, grid));
    }

    /** A kernel launched over one dimension. */
    static CompiledKernel linear(TaskGraph graph) {
        return new CompiledKernel(graph, new WorkerGrid1D(1));
    }

    /** A kernel launched over two dimensions. */
    static CompiledKernel planar(TaskGraph graph) {
        return new CompiledKernel(graph, new WorkerGrid2D(1, 1));
    }

    /** Runs the graph (transfers in, the kernel, transfers out) over {@code globalX} work-items in groups of {@code localX}. */
    void launch(int globalX, int localX) {
        launch(globalX, 1, localX, 1);
    }

    /** Runs the graph over a 2D grid, each size rounded up to a whole number of groups. */
    void launch(int globalX, int globalY, int localX, int localY) {
        grid.setGlobalWork(roundUp(globalX, localX), roundUp(globalY, localY), 1);
        grid.setLocalWork(localX, localY, 1);
        plan.execute();
    }

    private static long roundUp(int n, int group) {
        return (long) Math.max(1, (n + group - 1) / group) * group;
    }
}
