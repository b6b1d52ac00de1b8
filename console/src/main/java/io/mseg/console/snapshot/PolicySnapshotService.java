package io.mseg.console.snapshot;

import io.mseg.console.externalnetwork.ExternalNetworkService;
import io.mseg.console.networkpolicy.NetworkPolicyService;
import io.mseg.console.processingunit.ProcessingUnitService;
import io.mseg.policy.decision.PolicySnapshot;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the decision core needs, read from the database in one consistent
 * transaction.
 */
@Service
public class PolicySnapshotService {

	private final ProcessingUnitService processingUnits;

	private final ExternalNetworkService externalNetworks;

	private final NetworkPolicyService policies;

	PolicySnapshotService(ProcessingUnitService processingUnits, ExternalNetworkService externalNetworks,
			NetworkPolicyService policies) {
		this.processingUnits = processingUnits;
		this.externalNetworks = externalNetworks;
		this.policies = policies;
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public PolicySnapshot current() {
		return new PolicySnapshot(this.processingUnits.allModels(), this.externalNetworks.allModels(),
				this.policies.allModels());
	}

}
