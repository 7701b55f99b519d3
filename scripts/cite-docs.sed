# Rewrites citations of the paper specifications (input documents that are not part of this repository) into the
# users' pages under docs/, dropping the specification's section numbers (they do not exist in docs/).
# Usage (from the repository root):
#   grep -rlE '(fa-plkg|ota-fl|adago-muon|samosa|quantized-adaptive|rolling-ball|zeroth-order-dap|hierarchical-adaptive|reduction-mappings)\.md' \
#        --include=*.cs --include=*.md src tests benchmarks scenarios | xargs sed -i -E -f scripts/cite-docs.sed
s#(\.\./shared/specs/)(fa-plkg|ota-fl)\.md#docs/\2.md#g
s#(^|[^a-z/-])(fa-plkg|ota-fl)\.md#\1docs/\2.md#g
s#(^|[^a-z/-])adago-muon\.md#\1docs/optim-adago.md#g
s#(^|[^a-z/-])samosa\.md#\1docs/optim-sam.md#g
s#(^|[^a-z/-])quantized-adaptive\.md#\1docs/optim-quantized.md#g
s#(^|[^a-z/-])rolling-ball\.md#\1docs/optim-rolling-ball.md#g
s#(^|[^a-z/-])zeroth-order-dap\.md#\1docs/optim-zeroth-order.md#g
s#(^|[^a-z/-])hierarchical-adaptive\.md#\1docs/optim-hierarchical.md#g
s#(^|[^a-z/-])reduction-mappings\.md#\1docs/optim-reduction.md#g
s#[Ss]pec (docs/[a-z-]+\.md)#\1#g
s#(docs/[a-z-]+\.md) §[0-9][0-9.]*[a-z]?( R[0-9.]+)?( and §[0-9][0-9.]*)?#\1#g
