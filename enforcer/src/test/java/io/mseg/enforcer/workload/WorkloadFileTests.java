package io.mseg.enforcer.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mseg.policy.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadFileTests {

	@TempDir
	Path directory;

	@Test
	void readsTheContractsExample() throws IOException {
		Workload workload = read("web-1.json", """
				{"name": "web-1", "type": "Container", "addresses": ["10.244.1.10", "FD00:244:1:0::10"],
				 "labels": {"app": "frontend", "tier": "web"}, "interface": "vweb1"}
				""");
		assertThat(workload).isEqualTo(new Workload("web-1", "Container", List.of("10.244.1.10", "fd00:244:1::10"),
				List.of("app=frontend", "tier=web"), "vweb1"));
	}

	@Test
	void readsYamlWithTheNameOfTheFileAndContainerAsTheDefaultType() throws IOException {
		Workload workload = read("db-1.yaml", """
				addresses: [10.244.1.20]
				labels:
				  app.kubernetes.io/name: db
				  canary: ""
				interface: cali0123456789a
				""");
		assertThat(workload).isEqualTo(new Workload("db-1", "Container", List.of("10.244.1.20"),
				List.of("app.kubernetes.io/name=db", "canary=\"\""), "cali0123456789a"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unknown field      | {"addresses": ["10.0.0.1"], "interface": "v1", "lables": {}}                | unknown field 'lables'
					nested unknown     | {"addresses": ["10.0.0.1"], "interface": "v1", "labels": {"a": {"b": "c"}}} | labels.a
					number for text    | {"addresses": ["10.0.0.1"], "interface": "v1", "labels": {"v": 1}}          | labels.v
					boolean for text   | {"addresses": ["10.0.0.1"], "interface": true}                             | interface
					repeated field     | {"addresses": ["10.0.0.1"], "interface": "v1", "interface": "v2"}          | interface
					no address         | {"addresses": [], "interface": "v1"}                                       | addresses: at least one
					a network          | {"addresses": ["10.0.0.0/24"], "interface": "v1"}                          | addresses[0]
					a bad address      | {"addresses": ["10.0.0.1", "10.0.0.300"], "interface": "v1"}               | addresses[1]
					an address twice   | {"addresses": ["10.0.0.1", "10.0.0.1"], "interface": "v1"}                 | addresses[1]: is listed twice
					no interface       | {"addresses": ["10.0.0.1"]}                                                | interface: the host side
					a bad interface    | {"addresses": ["10.0.0.1"], "interface": "v 1\\""}                         | interface: 'v 1"'
					a long interface   | {"addresses": ["10.0.0.1"], "interface": "abcdefghijklmnop"}               | interface
					another type       | {"type": "Host", "addresses": ["10.0.0.1"], "interface": "v1"}             | type: must be Container or Pod
					another name       | {"name": "w2", "addresses": ["10.0.0.1"], "interface": "v1"}               | differs from the file's name 'w1'
					a label with space | {"addresses": ["10.0.0.1"], "interface": "v1", "labels": {"a b": "c"}}     | labels: label a b
					null label         | {"addresses": ["10.0.0.1"], "interface": "v1", "labels": {"a": null}}      | labels
					text after it      | {"addresses": ["10.0.0.1"], "interface": "v1"} {}                         | ''
					empty              | ''                                                                         | ''
					""")
	void refusesWhatItCannotHonour(String what, String json, String message) {
		assertThatThrownBy(() -> read("w1.json", json)).isInstanceOf(InvalidValueException.class)
			.hasMessageContaining(message);
	}

	@Test
	void yamlIsAsStrictAsJson() {
		assertThatThrownBy(() -> read("w1.yml", """
				addresses: [10.0.0.1]
				interface: v1
				labels:
				  version: 2
				""")).isInstanceOf(InvalidValueException.class).hasMessageContaining("labels.version");
		assertThatThrownBy(() -> read("w1.yml", """
				addresses: [10.0.0.1]
				interface: v1
				adresses: [10.0.0.2]
				""")).isInstanceOf(InvalidValueException.class).hasMessageContaining("unknown field 'adresses'");
	}

	@Test
	void namesTheWorkloadAfterTheFile() {
		assertThat(WorkloadFile.nameOf(Path.of("/x/web-1.json"))).isEqualTo("web-1");
		assertThat(WorkloadFile.nameOf(Path.of("/x/web-1.yml"))).isEqualTo("web-1");
		assertThat(WorkloadFile.nameOf(Path.of("/x/.web-1.json"))).isNull();
		assertThat(WorkloadFile.nameOf(Path.of("/x/web-1.txt"))).isNull();
		assertThat(WorkloadFile.nameOf(Path.of("/x/web 1.json"))).isNull();
	}

	private Workload read(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, content);
		return WorkloadFile.read(file);
	}

}
