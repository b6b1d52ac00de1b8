package io.mseg.console.networkpolicy;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.object.ObjectService;
import io.mseg.policy.model.NetworkPolicy;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Network policies: the shared object rules plus their conversion to the decision core.
 */
@Service
public class NetworkPolicyService extends ObjectService<NetworkPolicyEntity, NetworkPolicyBody> {

	NetworkPolicyService(NetworkPolicyRepository repository, AuditTrail audit, PolicyWriteLock writeLock, Clock clock,
			Invalidations invalidations) {
		super(new NetworkPolicyKind(), repository, audit, writeLock, clock, invalidations);
	}

	/** Every policy of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<NetworkPolicy> allModels() {
		return findAll().stream().map(NetworkPolicyKind::toModel).toList();
	}

	/** Those of these objects that still exist, as the decision core sees them, by ID. */
	@Transactional(readOnly = true)
	public Map<String, NetworkPolicy> models(Collection<String> ids) {
		Map<String, NetworkPolicy> models = new HashMap<>();
		findAllAnywhere(ids).forEach((id, entity) -> models.put(id, NetworkPolicyKind.toModel(entity)));
		return models;
	}

}
