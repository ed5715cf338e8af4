package io.imlab.activities.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;

/**
 * What the trainer trains: the content of {@link TrainerEnvironment#CONFIG_JSON}.
 *
 * @param model    model dimensions
 * @param training optimization settings
 */
public record TrainerConfig(ModelSpec model, TrainingSpec training) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render trainer config", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the variable and the problem when the JSON is missing or invalid
     */
    public static TrainerConfig fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(TrainerEnvironment.CONFIG_JSON + ": must be set");
        }
        TrainerConfig config;
        try {
            config = JSON.readValue(json, TrainerConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(TrainerEnvironment.CONFIG_JSON + ": " + e.getOriginalMessage(), e);
        }
        if (config.model() == null || config.training() == null) {
            throw new IllegalArgumentException(TrainerEnvironment.CONFIG_JSON + ": needs both 'model' and 'training'");
        }
        return config;
    }
}
