package io.imlab.trainer.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * A block whose parameter shapes are fixed at construction from the {@link io.imlab.trainer.ModelConfig}
 * rather than inferred from input shapes, so initialization needs no sample input and children are
 * initialized with whatever shapes the parent saw.
 */
abstract class ExplicitShapeBlock extends AbstractBlock {

    ExplicitShapeBlock() {
        super((byte) 1);
    }

    /** Adds a trainable parameter of a known shape with its own initializer. */
    final Parameter parameter(String name, Parameter.Type type, Initializer initializer, long... shape) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(shape))
                .optInitializer(initializer)
                .build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : children.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /** Hidden states keep their shape through every block except the output projection. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
