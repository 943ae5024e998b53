import Contract
import Learning
import Tabular

/// The fields a request row may carry: the model's features (with their types) and the
/// contract's key, which identifies the row in the prediction log but is not scored.
public struct RequestSchema: Sendable {
    public let features: [SignatureFeature]
    public let key: String?
    let featureIndex: [String: Int]
    /// The UTF-8 of each feature's name and of the key, matched against a request's bytes.
    let featureNameBytes: [[UInt8]]
    let keyBytes: [UInt8]?

    /// Fails when the signature names a feature the contract does not have with the same type:
    /// a model trained on another contract must not serve this one.
    public init(signature: ModelSignature, contract: DataContract) throws(ModelLoadError.Problem) {
        for feature in signature.features {
            guard let spec = contract.column(named: feature.name), spec.role == .feature else {
                throw .incompatible("feature '\(feature.name)' is not a feature of the contract")
            }
            guard spec.type == feature.type else {
                throw .incompatible("feature '\(feature.name)' is \(feature.type.rawValue) in the model but \(spec.type.rawValue) in the contract")
            }
        }
        self.features = signature.features
        self.key = contract.key
        self.featureIndex = Dictionary(uniqueKeysWithValues: signature.features.enumerated().map { ($1.name, $0) })
        self.featureNameBytes = signature.features.map { Array($0.name.utf8) }
        self.keyBytes = contract.key.map { Array($0.utf8) }
    }

    /// Declared types for the CSV reader: features, and the key as text.
    var columnTypes: [String: ColumnType] {
        var types = Dictionary(uniqueKeysWithValues: features.map { ($0.name, $0.type) })
        if let key { types[key] = .categorical }
        return types
    }
}
