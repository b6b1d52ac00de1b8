package io.mseg.console.externalnetwork;

import java.util.List;

import io.mseg.console.database.JsonColumns;
import io.mseg.console.object.ManagedObject;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "external_networks")
public class ExternalNetworkEntity extends ManagedObject {

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> entries = List.of();

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> servicePorts = List.of();

	private boolean propagate;

	@Override
	public boolean canPropagate() {
		return true;
	}

	@Override
	public boolean propagates() {
		return this.propagate;
	}

	void setPropagate(boolean propagate) {
		this.propagate = propagate;
	}

	List<String> getEntries() {
		return this.entries;
	}

	void setEntries(List<String> entries) {
		this.entries = entries;
	}

	List<String> getServicePorts() {
		return this.servicePorts;
	}

	void setServicePorts(List<String> servicePorts) {
		this.servicePorts = servicePorts;
	}

}
