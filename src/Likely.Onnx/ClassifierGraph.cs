using Likely.Models;
using Likely.Training;
using Onnx;

namespace Likely.Onnx;

/// <summary>
/// The ONNX graph of a <see cref="ClassifierModel"/>, stage by stage as the model computes:
/// standardize → (Gemm → activation)* → Gemm → calibrate the logits → softmax.
/// Shapes: N = rows (dynamic), D = features, H = a hidden width, C = classes.
/// </summary>
internal static class ClassifierGraph
{
    private const float InverseSqrt2 = 0.70710678118654752440f;

    /// <summary>Builds the graph from <see cref="OnnxExport.FeaturesName"/> (N×D raw features) to
    /// <see cref="OnnxExport.LogitsName"/> (N×C, the calibrated logits z′: z/T, or w ⊙ z + b for vector scaling) and
    /// <see cref="OnnxExport.ProbabilitiesName"/> (N×C, softmax(z′)).</summary>
    public static GraphProto Build(ClassifierModel model)
    {
        var graph = new OnnxGraph("likely_classifier");
        string x = Standardize(graph, OnnxExport.FeaturesName, model.Standardizer);
        MultilayerPerceptron network = model.Network;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            x = Dense(graph, x, network.Layers[l]);
            if (l < network.Layers.Count - 1)
            {
                x = Activate(graph, x, network.Activation);
            }
        }

        string logits = CalibrateLogits(graph, x, model);
        graph.Node("Softmax", [logits], OnnxExport.ProbabilitiesName, OnnxGraph.Attribute("axis", 1L));

        graph.Proto.Input.Add(OnnxGraph.FloatMatrix(OnnxExport.FeaturesName, "N", model.FeatureCount,
            "N rows of the D raw (not standardized) features, in the order of the metadata key likely.features."));
        graph.Proto.Output.Add(OnnxGraph.FloatMatrix(OnnxExport.ProbabilitiesName, "N", model.ClassCount,
            "q(c|x) = softmax(z′)_c: one row per input row, class c in column c, in the order of the metadata key likely.classes."));
        graph.Proto.Output.Add(OnnxGraph.FloatMatrix(OnnxExport.LogitsName, "N", model.ClassCount,
            "z′: the network's logits z calibrated (z/T for a temperature T, w ⊙ z + b for vector scaling), whose softmax is the probabilities."));
        return graph.Proto;
    }

    /// <summary>
    /// z = (x − μ)/s as an explicit Sub and Div, the same two float operations as <see cref="Data.Standardizer.Apply(Span{float})"/>.
    /// Folding them into the first layer (W/s, b − W·μ/s) would save two nodes but change the rounding, and where s is
    /// small (near-constant pixels) its large weights and the cancelling b − W·μ/s lose digits: an explicit step keeps
    /// the exported model's probabilities within float rounding of Likely's.
    /// </summary>
    private static string Standardize(OnnxGraph graph, string x, Data.Standardizer? standardizer)
    {
        if (standardizer is null)
        {
            return x;
        }

        float[] mean = standardizer.Mean.ToArray(), scale = standardizer.Scale.ToArray();
        string centred = graph.Node("Sub", [x, graph.Constant("standardizer_mean", mean, mean.Length)]);
        return graph.Node("Div", [centred, graph.Constant("standardizer_scale", scale, scale.Length)]);
    }

    /// <summary>y = x·Wᵀ + b: one Gemm with transB = 1, since W is stored O×I as Likely (and PyTorch) keep it.</summary>
    private static string Dense(OnnxGraph graph, string x, DenseLayer layer)
    {
        string weights = graph.Constant("weight", layer.Weights, layer.Outputs, layer.Inputs);
        string bias = graph.Constant("bias", layer.Bias, layer.Outputs);
        return graph.Node("Gemm", [x, weights, bias], null, OnnxGraph.Attribute("transB", 1L));
    }

    /// <summary>The hidden activation. GELU is written in its exact form ½·x·(1 + erf(x/√2)) with Erf, since the Gelu
    /// operator needs opset 20 and its tanh approximation is not what Likely computes.</summary>
    private static string Activate(OnnxGraph graph, string x, Activation activation)
    {
        switch (activation)
        {
            case Activation.Relu: return graph.Node("Relu", [x]);
            case Activation.LeakyRelu: return graph.Node("LeakyRelu", [x], null, OnnxGraph.Attribute("alpha", (float)ActivationFunctions.LeakySlope));
            case Activation.Tanh: return graph.Node("Tanh", [x]);
            case Activation.Sigmoid: return graph.Node("Sigmoid", [x]);
            case Activation.Gelu:
                string erf = graph.Node("Erf", [graph.Node("Mul", [x, graph.Scalar("inverse_sqrt2", InverseSqrt2)])]);
                string onePlus = graph.Node("Add", [erf, graph.Scalar("one", 1f)]);
                return graph.Node("Mul", [graph.Node("Mul", [x, onePlus]), graph.Scalar("half", 0.5f)]);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "This activation has no ONNX form here; add it to ClassifierGraph.Activate.");
        }
    }

    /// <summary>
    /// The calibration of the logits, ending in <see cref="OnnxExport.LogitsName"/>: the logits as they are (Identity)
    /// for T = 1; z/T (a Div by the scalar T) for a temperature; w ⊙ z + b (a Mul by the [C] scale, then an Add of the
    /// [C] bias, both broadcast over the rows) for vector scaling.
    /// </summary>
    /// <remarks>
    /// A temperature stays a Div rather than a Mul by 1/T and an Add of 0: <see cref="LogitCalibration"/> divides by T,
    /// so the Div rounds as Likely does, and a temperature model's graph has the same nodes it had before vector scaling
    /// existed. Vector scaling is computed by Likely as one double expression rounded once to float32; the Mul
    /// and Add here round twice in float32 (w and b are float32 already, as the model file stores them), a difference of
    /// a few float ulps in the logits, far under the 1e-5 the probabilities are held to.
    /// </remarks>
    private static string CalibrateLogits(OnnxGraph graph, string z, ClassifierModel model)
    {
        LogitCalibration calibration = model.Calibration;
        if (calibration.IsNone)
        {
            return graph.Node("Identity", [z], OnnxExport.LogitsName);
        }

        if (calibration.Method == CalibrationMethod.Temperature)
        {
            return graph.Node("Div", [z, graph.Scalar("temperature", (float)calibration.Temperature)], OnnxExport.LogitsName);
        }

        float[] scale = calibration.Scale.Select(w => (float)w).ToArray(), bias = calibration.Bias.Select(b => (float)b).ToArray();
        string scaled = graph.Node("Mul", [z, graph.Constant("calibration_scale", scale, scale.Length)]);
        return graph.Node("Add", [scaled, graph.Constant("calibration_bias", bias, bias.Length)], OnnxExport.LogitsName);
    }
}
