package org.convncf.service.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI openApi(SecurityProperties security) {
        return new OpenAPI()
                .info(new Info().title("ConvNCF recommendation service").version("0.1.0")
                        .description("Real-time recommendations with ConvNCF (Du et al., TOIS 2019). Errors are RFC 7807"
                                + " application/problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(security.header())));
    }
}
