// The list of built-in sources (MISSION.md section 1) with the scheme each uses.
#pragma once

#include "ingress/sourcehandler.h"

#include <memory>
#include <vector>

namespace WedSync::Ingress::Sources {

std::vector<std::unique_ptr<SourceHandler>> makeBuiltinSources();

} // namespace WedSync::Ingress::Sources
