package io.imlab.operators.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

import java.util.Map;

/** {@code spec.recipe}: the training mixture, OPT-IML §3–4 (mirrors {@code io.imlab.cookbook.spec.RecipeSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecipeSection {
    @JsonPropertyDescription("Sampling seed. Default 7.")
    private Long seed;
    @JsonPropertyDescription("Example-proportional sampling cap per task (the paper's 4096, OPT-IML §4.2 Table 4)."
            + " Default 4096.")
    @Min(1)
    private Integer taskCap;
    @JsonPropertyDescription("Explicit collection shares (collection id to a share between 0 and 1, adding up to at"
            + " most 1); collections left out share the remaining mass in proportion to their capped sizes."
            + " Default none.")
    private Map<String, Double> collectionShares;
    @JsonPropertyDescription("Share of chain-of-thought examples, 0 to 1 (the paper picks 1%; 4% hurts, Table 20)."
            + " Default 0.01.")
    @Min(0)
    @Max(1)
    private Double cotShare;
    @JsonPropertyDescription("Share of dialogue examples, 0 to 1 (the paper's 0.5% hurt exact-format tasks, Table 7)."
            + " Default 0.")
    @Min(0)
    @Max(1)
    private Double dialogueShare;
    @JsonPropertyDescription("Share of plain pre-training text, 0 to 1 (the paper picks 5%, Table 19). Default 0.05.")
    @Min(0)
    @Max(1)
    private Double plainTextShare;
    @JsonPropertyDescription("Tokens per packed training sequence. Default 256.")
    @Min(1)
    private Integer sequenceLength;
    @JsonPropertyDescription("Packed sequences to produce (the token budget divided by the sequence length)."
            + " Default 4000.")
    @Min(1)
    private Integer sequences;
    @JsonPropertyDescription("Per-collection example-proportional caps.")
    private Map<String, Integer> collectionCaps;
    @JsonPropertyDescription("Sample categories uniformly within a collection (metaseq --equalize-cluster-probs).")
    private Boolean equalCategories;
    @JsonPropertyDescription("Sampling temperature over capped task sizes.")
    private Double temperature;
    @JsonPropertyDescription("Nested task and category subsets for scaling experiments (seed, tasks, categories, alwaysCategories, onlyTasks).")
    private JsonNode subset;
    @JsonPropertyDescription("MetaICL demonstrations in training (maxShots, zipfA, lossOnDemonstrations).")
    private JsonNode metaIcl;
    @JsonPropertyDescription("Token budget; an alternative to sequences.")
    private Long tokens;
    @JsonPropertyDescription("Tokenizer: kind byte, gpt2 (vocab, merges) or huggingface (file).")
    private JsonNode tokenizer;

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getTaskCap() {
        return taskCap;
    }

    public void setTaskCap(Integer taskCap) {
        this.taskCap = taskCap;
    }

    public Map<String, Double> getCollectionShares() {
        return collectionShares;
    }

    public void setCollectionShares(Map<String, Double> collectionShares) {
        this.collectionShares = collectionShares;
    }

    public Double getCotShare() {
        return cotShare;
    }

    public void setCotShare(Double cotShare) {
        this.cotShare = cotShare;
    }

    public Double getDialogueShare() {
        return dialogueShare;
    }

    public void setDialogueShare(Double dialogueShare) {
        this.dialogueShare = dialogueShare;
    }

    public Double getPlainTextShare() {
        return plainTextShare;
    }

    public void setPlainTextShare(Double plainTextShare) {
        this.plainTextShare = plainTextShare;
    }

    public Integer getSequenceLength() {
        return sequenceLength;
    }

    public void setSequenceLength(Integer sequenceLength) {
        this.sequenceLength = sequenceLength;
    }

    public Integer getSequences() {
        return sequences;
    }

    public void setSequences(Integer sequences) {
        this.sequences = sequences;
    }

    public Map<String, Integer> getCollectionCaps() {
        return collectionCaps;
    }

    public void setCollectionCaps(Map<String, Integer> collectionCaps) {
        this.collectionCaps = collectionCaps;
    }

    public Boolean getEqualCategories() {
        return equalCategories;
    }

    public void setEqualCategories(Boolean equalCategories) {
        this.equalCategories = equalCategories;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public JsonNode getSubset() {
        return subset;
    }

    public void setSubset(JsonNode subset) {
        this.subset = subset;
    }

    public JsonNode getMetaIcl() {
        return metaIcl;
    }

    public void setMetaIcl(JsonNode metaIcl) {
        this.metaIcl = metaIcl;
    }

    public Long getTokens() {
        return tokens;
    }

    public void setTokens(Long tokens) {
        this.tokens = tokens;
    }

    public JsonNode getTokenizer() {
        return tokenizer;
    }

    public void setTokenizer(JsonNode tokenizer) {
        this.tokenizer = tokenizer;
    }
}
