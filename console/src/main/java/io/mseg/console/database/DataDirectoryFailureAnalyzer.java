package io.mseg.console.database;

import io.mseg.console.database.DataDirectoryCheck.DataDirectoryUnreachableException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an unreachable data directory as what it is, with what to do, instead of a
 * stack trace under "Application run failed".
 */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage() + ". Nothing was written to " + cause.dataDir() + ".",
				"Choose a data directory every user can reach, such as MSEG_DATA_DIR=/var/lib/mseg, make "
						+ cause.blocking() + " searchable (chmod o+x), or use an external database with "
						+ "SPRING_DATASOURCE_URL.",
				cause);
	}

}
