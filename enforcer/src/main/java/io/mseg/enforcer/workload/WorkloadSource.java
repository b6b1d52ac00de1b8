package io.mseg.enforcer.workload;

import java.io.IOException;

/**
 * Where the workloads of this node come from (node mode): a directory of files
 * ({@code DirectoryWorkloads}) or the Kubernetes API server
 * ({@code KubernetesWorkloads}). A source follows its workloads on its own thread and
 * says when they changed; a problem (a malformed file, a lost watch) is reported, never
 * turned into a change: the last good version of each workload stays.
 */
public interface WorkloadSource extends AutoCloseable {

	/**
	 * What the source is, for the log and the status.
	 * @return {@code kubernetes} or {@code directory:<path>}
	 */
	String name();

	/**
	 * Starts following the workloads. Returns once the first list is known (or known to
	 * be unavailable: then {@link #current()} says why in its problems).
	 * @param changed called, on the source's thread, after every change of
	 * {@link #current()}
	 * @throws IOException when the source cannot start at all
	 */
	void start(Runnable changed) throws IOException;

	/**
	 * The workloads now, with what is wrong with the source.
	 * @return a snapshot
	 */
	Workloads current();

	/** Stops following (the last workloads stay enforced). */
	@Override
	void close();

}
