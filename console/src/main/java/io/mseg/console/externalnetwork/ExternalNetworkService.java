package io.mseg.console.externalnetwork;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.object.ObjectService;
import io.mseg.policy.model.ExternalNetwork;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External networks: the shared object rules plus their conversion to the decision core.
 */
@Service
public class ExternalNetworkService extends ObjectService<ExternalNetworkEntity, ExternalNetworkBody> {

	ExternalNetworkService(ExternalNetworkRepository repository, AuditTrail audit, PolicyWriteLock writeLock,
			Clock clock, FeedProperties feeds) {
		super(new ExternalNetworkKind(feeds), repository, audit, writeLock, clock);
	}

	/** Every external network of every namespace, as the decision core sees them. */
	@Transactional(readOnly = true)
	public List<ExternalNetwork> allModels() {
		return findAll().stream().map(ExternalNetworkKind::toModel).toList();
	}

	/** One object, as the decision core sees it, if it still exists. */
	@Transactional(readOnly = true)
	public Optional<ExternalNetwork> model(String id) {
		return findAnywhere(id).map(ExternalNetworkKind::toModel);
	}

}
