using Google.Protobuf;
using Onnx;

namespace Likely.Onnx;

/// <summary>
/// A graph under construction: nodes in execution order, float32 initializers, and value names made unique by a
/// counter. Only what <see cref="ClassifierGraph"/> needs: float tensors, and nodes with float and integer attributes.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph;
    private int _next;

    public OnnxGraph(string name) => _graph = new GraphProto { Name = name };

    /// <summary>The graph, as built so far.</summary>
    public GraphProto Proto => _graph;

    /// <summary>Adds a float32 initializer (a constant tensor) of the given shape and returns its name.</summary>
    /// <param name="name">The stem of its name (a counter is added).</param>
    /// <param name="values">The values, row-major.</param>
    /// <param name="shape">Its dimensions; empty for a scalar.</param>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] shape)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);

        // raw_data: little-endian float32, the layout ONNX specifies for it, and far smaller than repeated float_data.
        byte[] bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        tensor.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar float32 constant.</summary>
    public string Scalar(string name, float value) => Constant(name, [value]);

    /// <summary>Adds a node and returns the name of its one output.</summary>
    /// <param name="operatorType">The ONNX operator, e.g. <c>Gemm</c>.</param>
    /// <param name="inputs">The names of its inputs.</param>
    /// <param name="output">The output's name, or null for a fresh one made from the operator's.</param>
    /// <param name="attributes">Its attributes (see <see cref="Attribute(string, float)"/>).</param>
    public string Node(string operatorType, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        string name = output ?? Unique(operatorType.ToLowerInvariant());
        var node = new NodeProto { OpType = operatorType, Name = Unique(operatorType) };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return name;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>Declares a graph input or output: a float32 matrix of <paramref name="columns"/> columns and a dynamic
    /// first dimension named <paramref name="rows"/>.</summary>
    public static ValueInfoProto FloatMatrix(string name, string rows, long columns, string documentation)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            DocString = documentation,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private string Unique(string stem) => $"{stem}_{_next++}";
}
