package org.convncf.service.system;

import org.convncf.service.events.EventProperties;
import org.convncf.service.recommend.RecommendProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * What a {@code @WebMvcTest} slice lacks: {@code @ConfigurationPropertiesScan} on the application
 * class does not register property records in a slice. The filters ({@link ApiKeyFilter},
 * {@link RequestSizeFilter}) and {@link ErrorHandling} are picked up by the slice itself (the tests
 * check that); they need the properties registered here.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, RequestSizeFilter.HttpProperties.class, EventProperties.class,
        RecommendProperties.class})
public class WebSliceSupport {
}
