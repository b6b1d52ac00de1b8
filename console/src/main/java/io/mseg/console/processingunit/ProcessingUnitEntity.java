package io.mseg.console.processingunit;

import java.util.ArrayList;
import java.util.List;

import io.mseg.console.object.ManagedObject;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

@Entity
@Table(name = "processing_units")
public class ProcessingUnitEntity extends ManagedObject {

	private String type;

	/** In a table of their own, whose key makes an address belong to one PU only. */
	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "processing_unit_addresses", joinColumns = @JoinColumn(name = "processing_unit_id"))
	@Column(name = "address")
	@OrderBy
	private List<String> addresses = new ArrayList<>();

	private String enforcerId;

	String getType() {
		return this.type;
	}

	void setType(String type) {
		this.type = type;
	}

	List<String> getAddresses() {
		return this.addresses;
	}

	void setAddresses(List<String> addresses) {
		this.addresses.clear();
		this.addresses.addAll(addresses);
	}

	String getEnforcerId() {
		return this.enforcerId;
	}

	void setEnforcerId(String enforcerId) {
		this.enforcerId = enforcerId;
	}

}
