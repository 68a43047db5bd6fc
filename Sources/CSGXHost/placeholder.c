#include "CSGXHost.h"
