import Contract
import Tabular
import TestSupport

func contract(_ columns: [ColumnSpec]) -> DataContract {
    DataContract(key: nil, tables: [TableSpec(name: "data", columns: columns)])
}

