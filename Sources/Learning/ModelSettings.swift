/// Which model to train and how, as written under `model:` in `driftwatch.yml`. Every key is
/// optional: the defaults are scikit-learn's, so a comparison with it is like for like.
public struct ModelSettings: Codable, Sendable, Equatable {
    public var kind: ModelKind
    public var logistic: LogisticSettings
    public var gbdt: GradientBoostingSettings
    /// How training data is split into the rows the model learns from and the rows it is judged on.
    public var split: SplitSettings
    /// At most this many training rows (nil: all of them): a larger month's training rows are
    /// sampled, stratified by label and seeded by the split's seed (`TrainingSample`), so a big
    /// month trains in bounded time and memory and the same month always gives the same model.
    public var maxTrainingRows: Int?

    public init(
        kind: ModelKind = .logistic,
        logistic: LogisticSettings = LogisticSettings(),
        gbdt: GradientBoostingSettings = GradientBoostingSettings(),
        split: SplitSettings = SplitSettings(),
        maxTrainingRows: Int? = nil
    ) {
        self.kind = kind
        self.logistic = logistic
        self.gbdt = gbdt
        self.split = split
        self.maxTrainingRows = maxTrainingRows
    }

    enum CodingKeys: String, CodingKey {
        case kind, logistic, gbdt, split
        case maxTrainingRows = "max_training_rows"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(ModelKind.self, forKey: .kind) ?? .logistic
        logistic = try c.decodeIfPresent(LogisticSettings.self, forKey: .logistic) ?? LogisticSettings()
        gbdt = try c.decodeIfPresent(GradientBoostingSettings.self, forKey: .gbdt) ?? GradientBoostingSettings()
        split = try c.decodeIfPresent(SplitSettings.self, forKey: .split) ?? SplitSettings()
        maxTrainingRows = try c.decodeIfPresent(Int.self, forKey: .maxTrainingRows)
    }

    /// The first setting that cannot be trained with, named as it is written in the file.
    public func validationProblem() -> String? {
        if let maxTrainingRows, maxTrainingRows < 2 { return "model.max_training_rows must be at least 2, found \(maxTrainingRows)" }
        return logistic.validationProblem() ?? gbdt.validationProblem() ?? split.validationProblem()
    }
}

public enum ModelKind: String, Codable, Sendable, CaseIterable {
    case logistic
    case gbdt
}

/// L2-regularised logistic regression. The objective is scikit-learn's:
/// `c · Σ log_loss + ½ · ‖w‖²`, the intercept not penalised.
public struct LogisticSettings: Codable, Sendable, Equatable {
    /// Inverse regularisation strength, scikit-learn's `C`.
    public var c: Double
    /// Newton steps before giving up on convergence.
    public var maxIter: Int
    /// Converged when the largest gradient component of the mean objective is at most this.
    /// Tighter than scikit-learn's 1e-4 because a Newton step costs little near the optimum.
    public var tolerance: Double

    public init(c: Double = 1.0, maxIter: Int = 100, tolerance: Double = 1e-6) {
        self.c = c
        self.maxIter = maxIter
        self.tolerance = tolerance
    }

    enum CodingKeys: String, CodingKey {
        case c
        case maxIter = "max_iter"
        case tolerance
    }

    public init(from decoder: Decoder) throws {
        let d = LogisticSettings()
        let k = try decoder.container(keyedBy: CodingKeys.self)
        c = try k.decodeIfPresent(Double.self, forKey: .c) ?? d.c
        maxIter = try k.decodeIfPresent(Int.self, forKey: .maxIter) ?? d.maxIter
        tolerance = try k.decodeIfPresent(Double.self, forKey: .tolerance) ?? d.tolerance
    }

    func validationProblem() -> String? {
        if !(c > 0 && c.isFinite) { return "model.logistic.c must be a positive number, found \(c)" }
        if maxIter < 1 { return "model.logistic.max_iter must be at least 1, found \(maxIter)" }
        if !(tolerance > 0) { return "model.logistic.tolerance must be positive, found \(tolerance)" }
        return nil
    }
}

/// Histogram-based gradient boosting on log loss, with scikit-learn's
/// `HistGradientBoostingClassifier` defaults.
public struct GradientBoostingSettings: Codable, Sendable, Equatable {
    public var learningRate: Double
    /// Boosting rounds (one tree each) at most.
    public var maxIter: Int
    public var maxLeafNodes: Int
    /// Unlimited when nil.
    public var maxDepth: Int?
    /// Bins per feature for non-missing values (at most 255, so a bin fits a byte); missing values get one more.
    public var maxBins: Int
    public var minSamplesLeaf: Int
    public var l2Regularization: Double
    public var earlyStopping: EarlyStopping
    /// Share of the training rows held out to decide when to stop.
    public var validationFraction: Double
    /// Rounds without improvement of the held-out loss before stopping.
    public var nIterNoChange: Int
    /// Seeds the early-stopping hold-out and the sample used to find bin edges.
    public var seed: UInt64

    public init(
        learningRate: Double = 0.1, maxIter: Int = 100, maxLeafNodes: Int = 31, maxDepth: Int? = nil,
        maxBins: Int = 255, minSamplesLeaf: Int = 20, l2Regularization: Double = 0,
        earlyStopping: EarlyStopping = .auto, validationFraction: Double = 0.1, nIterNoChange: Int = 10,
        seed: UInt64 = 42
    ) {
        self.learningRate = learningRate
        self.maxIter = maxIter
        self.maxLeafNodes = maxLeafNodes
        self.maxDepth = maxDepth
        self.maxBins = maxBins
        self.minSamplesLeaf = minSamplesLeaf
        self.l2Regularization = l2Regularization
        self.earlyStopping = earlyStopping
        self.validationFraction = validationFraction
        self.nIterNoChange = nIterNoChange
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case learningRate = "learning_rate"
        case maxIter = "max_iter"
        case maxLeafNodes = "max_leaf_nodes"
        case maxDepth = "max_depth"
        case maxBins = "max_bins"
        case minSamplesLeaf = "min_samples_leaf"
        case l2Regularization = "l2_regularization"
        case earlyStopping = "early_stopping"
        case validationFraction = "validation_fraction"
        case nIterNoChange = "n_iter_no_change"
        case seed
    }

    public init(from decoder: Decoder) throws {
        let d = GradientBoostingSettings()
        let k = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try k.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        maxIter = try k.decodeIfPresent(Int.self, forKey: .maxIter) ?? d.maxIter
        maxLeafNodes = try k.decodeIfPresent(Int.self, forKey: .maxLeafNodes) ?? d.maxLeafNodes
        maxDepth = try k.decodeIfPresent(Int.self, forKey: .maxDepth)
        maxBins = try k.decodeIfPresent(Int.self, forKey: .maxBins) ?? d.maxBins
        minSamplesLeaf = try k.decodeIfPresent(Int.self, forKey: .minSamplesLeaf) ?? d.minSamplesLeaf
        l2Regularization = try k.decodeIfPresent(Double.self, forKey: .l2Regularization) ?? d.l2Regularization
        earlyStopping = try k.decodeIfPresent(EarlyStopping.self, forKey: .earlyStopping) ?? d.earlyStopping
        validationFraction = try k.decodeIfPresent(Double.self, forKey: .validationFraction) ?? d.validationFraction
        nIterNoChange = try k.decodeIfPresent(Int.self, forKey: .nIterNoChange) ?? d.nIterNoChange
        seed = try k.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
    }

    func validationProblem() -> String? {
        if !(learningRate > 0 && learningRate.isFinite) { return "model.gbdt.learning_rate must be positive, found \(learningRate)" }
        if maxIter < 1 { return "model.gbdt.max_iter must be at least 1, found \(maxIter)" }
        if maxLeafNodes < 2 { return "model.gbdt.max_leaf_nodes must be at least 2, found \(maxLeafNodes)" }
        if let depth = maxDepth, depth < 1 { return "model.gbdt.max_depth must be at least 1, found \(depth)" }
        if !(2...255).contains(maxBins) { return "model.gbdt.max_bins must be between 2 and 255, found \(maxBins)" }
        if minSamplesLeaf < 1 { return "model.gbdt.min_samples_leaf must be at least 1, found \(minSamplesLeaf)" }
        if !(l2Regularization >= 0) { return "model.gbdt.l2_regularization must not be negative, found \(l2Regularization)" }
        if !(validationFraction > 0 && validationFraction < 1) {
            return "model.gbdt.validation_fraction must be between 0 and 1, found \(validationFraction)"
        }
        if nIterNoChange < 1 { return "model.gbdt.n_iter_no_change must be at least 1, found \(nIterNoChange)" }
        return nil
    }
}

/// scikit-learn's `early_stopping`: `auto` stops early only when there are more than 10,000 rows.
public enum EarlyStopping: String, Codable, Sendable, CaseIterable {
    case auto, on, off

    func isEnabled(rows: Int) -> Bool {
        switch self {
        case .auto: return rows > 10_000
        case .on: return true
        case .off: return false
        }
    }
}

/// The stratified train/validation split: 25 % validation, seed 42, as the promotion gates use.
public struct SplitSettings: Codable, Sendable, Equatable {
    public var validationShare: Double
    public var seed: UInt64

    public init(validationShare: Double = 0.25, seed: UInt64 = 42) {
        self.validationShare = validationShare
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case validationShare = "validation_share"
        case seed
    }

    public init(from decoder: Decoder) throws {
        let d = SplitSettings()
        let k = try decoder.container(keyedBy: CodingKeys.self)
        validationShare = try k.decodeIfPresent(Double.self, forKey: .validationShare) ?? d.validationShare
        seed = try k.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
    }

    func validationProblem() -> String? {
        if !(validationShare > 0 && validationShare < 1) {
            return "model.split.validation_share must be between 0 and 1, found \(validationShare)"
        }
        return nil
    }
}
