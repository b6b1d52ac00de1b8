package io.mseg.console.web;

import java.util.List;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON and YAML bodies read the same strict way ({@link StrictBodies}). Boot configures
 * the JSON mapper; the YAML converter would otherwise be Spring's default, which drops
 * unknown fields. YAML tags are refused ({@link UntaggedYamlFactory}). Both write bodies
 * whole ({@link WholeBodies}).
 */
@Configuration(proxyBeanMethods = false)
class BodyFormatConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictBodies::strict;
	}

	/**
	 * The YAML converter, with the Jackson modules Boot adds to the JSON mapper (such as
	 * how the wire format's records are written), so that both write a body alike.
	 */
	@Bean
	ServerHttpMessageConvertersCustomizer strictYaml(List<JacksonModule> modules) {
		return (converters) -> converters.withYamlConverter(new WholeBodies.Yaml(
				StrictBodies.strict(YAMLMapper.builder(new UntaggedYamlFactory())).addModules(modules)));
	}

	/** Boot's JSON converter, but writing bodies whole ({@link WholeBodies}). */
	@Bean
	ServerHttpMessageConvertersCustomizer wholeJsonBodies(JsonMapper json) {
		return (converters) -> converters.withJsonConverter(new WholeBodies.Json(json));
	}

}
