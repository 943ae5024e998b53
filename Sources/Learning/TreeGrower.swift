import Dispatch

/// Grows one regression tree on binned inputs, best split first (leaf-wise) until
/// `maxLeafNodes`, as LightGBM and scikit-learn's histogram boosting do. Ties go to the lowest
/// input and bin, so the same data always gives the same tree.
struct TreeGrower {
    /// Column-major bins of the rows being fitted (see `FeatureBinner.bin`).
    let bins: [UInt8]
    let rows: Int
    let inputs: Int
    /// Non-missing bins per input.
    let binCounts: [Int]
    let binner: FeatureBinner
    let settings: GradientBoostingSettings

    static let minHessianToSplit = 1e-3
    /// Histogram slots per input: every value bin and the missing bin fit in 256.
    static let slots = 256

    struct Bin {
        var gradient = 0.0
        var hessian = 0.0
        var count = 0
    }

    struct Split {
        var gain: Double
        var feature: Int
        var bin: Int
        var missingGoesLeft: Bool
        var left: Bin
        var right: Bin
    }

    struct Node {
        let treeIndex: Int
        let start: Int
        let end: Int
        let depth: Int
        let sums: Bin
        var histogram: [Bin]
        var split: Split?
    }

    init(bins: [UInt8], rows: Int, binner: FeatureBinner, settings: GradientBoostingSettings) {
        self.bins = bins
        self.rows = rows
        self.inputs = binner.edges.count
        self.binCounts = binner.edges.map { $0.count + 1 }
        self.binner = binner
        self.settings = settings
    }

    /// Grows a tree on the gradients and hessians of the log loss and adds its leaf values to `raw`.
    func grow(gradients: [Double], hessians: [Double], raw: inout [Double]) -> RegressionTree {
        var tree = RegressionTree()
        var order = Array(0..<rows)
        var total = Bin()
        for i in 0..<rows {
            total.gradient += gradients[i]
            total.hessian += hessians[i]
        }
        total.count = rows
        var root = Node(
            treeIndex: tree.addLeaf(value: 0), start: 0, end: rows, depth: 0, sums: total,
            histogram: histogram(order: order, start: 0, end: rows, gradients: gradients, hessians: hessians), split: nil)
        root.split = splittable(root) ? bestSplit(root) : nil
        var leaves = [root]
        var scratch = [Int](repeating: 0, count: rows)

        while leaves.count < settings.maxLeafNodes {
            guard let best = bestLeaf(leaves) else { break }
            let parent = leaves.remove(at: best)
            guard let split = parent.split else { break }
            let middle = partition(parent, split: split, order: &order, scratch: &scratch)
            let leftIndex = tree.addLeaf(value: 0)
            let rightIndex = tree.addLeaf(value: 0)
            let edges = binner.edges[split.feature]
            tree.makeSplit(
                parent.treeIndex, feature: split.feature,
                threshold: split.bin < edges.count ? edges[split.bin] : .infinity,
                missingGoesLeft: split.missingGoesLeft, left: leftIndex, right: rightIndex)
            let leftIsSmaller = middle - parent.start <= parent.end - middle
            let small = leftIsSmaller ? (parent.start, middle) : (middle, parent.end)
            let smallHistogram = histogram(order: order, start: small.0, end: small.1, gradients: gradients, hessians: hessians)
            var largeHistogram = parent.histogram
            for k in largeHistogram.indices {
                largeHistogram[k].gradient -= smallHistogram[k].gradient
                largeHistogram[k].hessian -= smallHistogram[k].hessian
                largeHistogram[k].count -= smallHistogram[k].count
            }
            var left = Node(
                treeIndex: leftIndex, start: parent.start, end: middle, depth: parent.depth + 1, sums: split.left,
                histogram: leftIsSmaller ? smallHistogram : largeHistogram, split: nil)
            var right = Node(
                treeIndex: rightIndex, start: middle, end: parent.end, depth: parent.depth + 1, sums: split.right,
                histogram: leftIsSmaller ? largeHistogram : smallHistogram, split: nil)
            left.split = splittable(left) ? bestSplit(left) : nil
            right.split = splittable(right) ? bestSplit(right) : nil
            leaves.append(left)
            leaves.append(right)
        }

        for leaf in leaves {
            let value = -leaf.sums.gradient / (leaf.sums.hessian + settings.l2Regularization) * settings.learningRate
            tree.value[leaf.treeIndex] = value.isFinite ? value : 0
            for k in leaf.start..<leaf.end { raw[order[k]] += tree.value[leaf.treeIndex] }
        }
        return tree
    }

    private func splittable(_ node: Node) -> Bool {
        if let maxDepth = settings.maxDepth, node.depth >= maxDepth { return false }
        return node.end - node.start >= 2 * settings.minSamplesLeaf
    }

    /// The leaf with the largest gain, the earliest on ties.
    private func bestLeaf(_ leaves: [Node]) -> Int? {
        var best: Int?
        for (k, leaf) in leaves.enumerated() {
            guard let gain = leaf.split?.gain else { continue }
            if best == nil || gain > leaves[best!].split!.gain { best = k }
        }
        return best
    }

    /// Gradient and hessian sums per bin of every input over the node's rows. Inputs are done four
    /// at a time: updates to one input's histogram often hit the same bin back to back, and
    /// interleaving independent histograms keeps the processor from waiting on each of them.
    private func histogram(order: [Int], start: Int, end: Int, gradients: [Double], hessians: [Double]) -> [Bin] {
        var histogram = [Bin](repeating: Bin(), count: inputs * Self.slots)
        let count = end - start
        guard count > 0 else { return histogram }
        // Gradients gathered in node order once, then read sequentially for every input.
        let orderedGradients = order[start..<end].map { gradients[$0] }
        let orderedHessians = order[start..<end].map { hessians[$0] }
        let groups = (inputs + 3) / 4
        histogram.withUnsafeMutableBufferPointer { hist in
            bins.withUnsafeBufferPointer { allBins in
                order.withUnsafeBufferPointer { ord in
                    orderedGradients.withUnsafeBufferPointer { g in
                        orderedHessians.withUnsafeBufferPointer { h in
                            let work = HistogramWork(
                                hist: hist.baseAddress!, bins: allBins.baseAddress!, order: ord.baseAddress! + start,
                                gradients: g.baseAddress!, hessians: h.baseAddress!, rows: rows, count: count, inputs: inputs)
                            DispatchQueue.concurrentPerform(iterations: groups) { group in
                                work.accumulate(firstInput: group * 4)
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    private func bestSplit(_ node: Node) -> Split? {
        var best: Split?
        let lambda = settings.l2Regularization
        let sums = node.sums
        func score(_ b: Bin) -> Double { b.gradient * b.gradient / (b.hessian + lambda) }
        let parentScore = score(sums)
        func consider(feature: Int, bin: Int, left: Bin, missingGoesLeft: Bool) {
            let right = Bin(gradient: sums.gradient - left.gradient, hessian: sums.hessian - left.hessian, count: sums.count - left.count)
            guard left.count >= settings.minSamplesLeaf, right.count >= settings.minSamplesLeaf,
                left.hessian >= Self.minHessianToSplit, right.hessian >= Self.minHessianToSplit
            else { return }
            let gain = score(left) + score(right) - parentScore
            guard gain > 0, gain > (best?.gain ?? 0) else { return }
            best = Split(gain: gain, feature: feature, bin: bin, missingGoesLeft: missingGoesLeft, left: left, right: right)
        }
        for f in 0..<inputs {
            let base = f * Self.slots
            let missing = node.histogram[base + binner.missingBin]
            let valueBins = binCounts[f]
            // Missing values to the right; with missing values present, also "every value left".
            var left = Bin()
            let lastBin = missing.count > 0 ? valueBins : valueBins - 1
            for b in 0..<lastBin {
                let h = node.histogram[base + b]
                left.gradient += h.gradient
                left.hessian += h.hessian
                left.count += h.count
                // Without missing values here, unseen ones follow the larger side.
                let missingLeft = missing.count == 0 && left.count > sums.count - left.count
                consider(feature: f, bin: b, left: left, missingGoesLeft: missingLeft)
            }
            guard missing.count > 0 else { continue }
            left = missing
            for b in 0..<(valueBins - 1) {
                let h = node.histogram[base + b]
                left.gradient += h.gradient
                left.hessian += h.hessian
                left.count += h.count
                consider(feature: f, bin: b, left: left, missingGoesLeft: true)
            }
        }
        return best
    }

    /// Reorders the node's rows so the left child's come first; returns where the right child's start.
    private func partition(_ node: Node, split: Split, order: inout [Int], scratch: inout [Int]) -> Int {
        let column = split.feature * rows
        let missingBin = UInt8(binner.missingBin)
        let threshold = UInt8(min(split.bin, 255))
        var leftEnd = node.start
        var rightCount = 0
        for k in node.start..<node.end {
            let i = order[k]
            let b = bins[column + i]
            let goLeft = b == missingBin ? split.missingGoesLeft : b <= threshold
            if goLeft {
                order[leftEnd] = i
                leftEnd += 1
            } else {
                scratch[rightCount] = i
                rightCount += 1
            }
        }
        for k in 0..<rightCount { order[leftEnd + k] = scratch[k] }
        return leftEnd
    }
}

/// Pointers for one histogram pass; each task writes only its own inputs' histograms.
private struct HistogramWork: @unchecked Sendable {
    let hist: UnsafeMutablePointer<TreeGrower.Bin>
    let bins: UnsafePointer<UInt8>
    let order: UnsafePointer<Int>
    let gradients: UnsafePointer<Double>
    let hessians: UnsafePointer<Double>
    let rows: Int
    let count: Int
    let inputs: Int

    func accumulate(firstInput: Int) {
        let last = min(firstInput + 4, inputs)
        if last - firstInput == 4 {
            let c0 = bins + firstInput * rows, c1 = c0 + rows, c2 = c1 + rows, c3 = c2 + rows
            let h0 = hist + firstInput * TreeGrower.slots, h1 = h0 + TreeGrower.slots
            let h2 = h1 + TreeGrower.slots, h3 = h2 + TreeGrower.slots
            for k in 0..<count {
                let i = order[k], g = gradients[k], h = hessians[k]
                let b0 = Int(c0[i]), b1 = Int(c1[i]), b2 = Int(c2[i]), b3 = Int(c3[i])
                h0[b0].gradient += g; h0[b0].hessian += h; h0[b0].count += 1
                h1[b1].gradient += g; h1[b1].hessian += h; h1[b1].count += 1
                h2[b2].gradient += g; h2[b2].hessian += h; h2[b2].count += 1
                h3[b3].gradient += g; h3[b3].hessian += h; h3[b3].count += 1
            }
            return
        }
        for f in firstInput..<last {
            let column = bins + f * rows
            let hf = hist + f * TreeGrower.slots
            for k in 0..<count {
                let b = Int(column[order[k]])
                hf[b].gradient += gradients[k]
                hf[b].hessian += hessians[k]
                hf[b].count += 1
            }
        }
    }
}
