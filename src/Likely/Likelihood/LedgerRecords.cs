namespace Likely.Likelihood;

/// <summary>
/// Step 3 of the ledger, for a discrete sample: the cross-entropy splits as H(p̂, q) = H(p̂) + D(p̂ ‖ q), where p̂ is
/// the empirical distribution of the sample and q the fitted model. All in nats.
/// </summary>
/// <param name="EmpiricalEntropy">H(p̂) = −Σₓ p̂(x) ln p̂(x).</param>
/// <param name="KullbackLeiblerDivergence">D(p̂ ‖ q) = Σₓ p̂(x) ln(p̂(x)/q(x)) ≥ 0.</param>
/// <param name="CrossEntropy">H(p̂, q) = −Σₓ p̂(x) ln q(x), summed over the distinct values.</param>
/// <param name="Discrepancy">|H(p̂, q) − (H(p̂) + D(p̂ ‖ q))|, rounding only.</param>
/// <param name="Holds">True when the discrepancy is at most 1e-12·max(1, H(p̂, q)).</param>
public sealed record CrossEntropyDecomposition(double EmpiricalEntropy, double KullbackLeiblerDivergence, double CrossEntropy, double Discrepancy, bool Holds);

/// <summary>Step 4 of the ledger: the cross-entropy at one perturbed parameter value.</summary>
/// <param name="Parameter">The parameter moved (the others stay at θ̂).</param>
/// <param name="Value">The perturbed value θ̂ⱼ ± δⱼ.</param>
/// <param name="Delta">The signed step ±δⱼ (one standard error, or 10⁻³·max(1, |θ̂ⱼ|) when that is 0).</param>
/// <param name="CrossEntropy">H(p̂, p_θ) at the perturbed θ, nats.</param>
/// <param name="Increase">H(p̂, p_θ) − H(p̂, p_θ̂); positive means θ̂ does better.</param>
public sealed record PerturbedCrossEntropy(string Parameter, double Value, double Delta, double CrossEntropy, double Increase);

/// <summary>
/// The ledger's log-likelihood of right-censored data, split by kind of row: ln L = Σ_exact ln f(xᵢ) + Σ_censored ln S(xᵢ).
/// An exact row says "the event happened at xᵢ" and contributes its density; a censored row says only "no event by
/// xᵢ" and contributes the probability of that, S(xᵢ) = P(X &gt; xᵢ) ≤ 1, so its term is ≤ 0.
/// </summary>
/// <param name="ExactCount">The rows observed exactly (events).</param>
/// <param name="CensoredCount">The right-censored rows.</param>
/// <param name="ExactLogDensity">Σ ln f(xᵢ; θ̂) over the exact rows, nats.</param>
/// <param name="CensoredLogSurvival">Σ ln S(xᵢ; θ̂) over the censored rows, nats (≤ 0).</param>
public sealed record CensoredLedgerTerms(int ExactCount, int CensoredCount, double ExactLogDensity, double CensoredLogSurvival);
