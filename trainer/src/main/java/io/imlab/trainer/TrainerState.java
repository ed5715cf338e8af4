package io.imlab.trainer;

import io.imlab.cookbook.spec.TrainingSpec;

import java.util.List;

/**
 * {@code trainer_state.json}: everything besides tensors that a resumed run or a scorer needs.
 *
 * @param format       {@link Checkpoints#FORMAT}
 * @param step         optimizer steps completed
 * @param dataCursor   samples consumed ({@code step × batchSize}); with the seed it fixes the next batch
 * @param seed         the run seed: initialization, data order and per-step engine seeds derive from it
 * @param engineSeeds  how per-step engine seeds are derived (documentation for readers of the file)
 * @param adamUpdates  Adam's update count t, for bias correction
 * @param tokens       input tokens processed so far
 * @param model        the network's dimensions
 * @param training     the optimization settings of the run
 * @param precision    the arithmetic precision the run trains in ({@code IMLAB_PRECISION}); a checkpoint
 *                     written before this field existed reads as {@link Precision#FP32}, the only precision
 *                     that trained then
 * @param data         the packed dataset the run trains on
 * @param lossHistory  the loss of every completed step, in order
 */
public record TrainerState(
        String format,
        int step,
        long dataCursor,
        long seed,
        String engineSeeds,
        int adamUpdates,
        long tokens,
        ModelConfig model,
        TrainingSpec training,
        Precision precision,
        DataDescription data,
        List<StepLoss> lossHistory) {

    public TrainerState {
        precision = precision == null ? Precision.FP32 : precision;
    }

    /**
     * The dataset a run trains on.
     *
     * @param tokenizer      tokenizer id that packed it
     * @param vocabSize      vocabulary size
     * @param eosId          end-of-document id (ends generation)
     * @param padId          padding id
     * @param sequenceLength tokens per packed sequence
     * @param sequences      packed sequences
     */
    public record DataDescription(
            String tokenizer, int vocabSize, int eosId, int padId, int sequenceLength, long sequences) {
    }

    /**
     * One step's training loss.
     *
     * @param step         1-based step number
     * @param loss         mean label loss over the batch's target tokens
     * @param learningRate learning rate used by the step's update
     */
    public record StepLoss(int step, double loss, double learningRate) {
    }
}
