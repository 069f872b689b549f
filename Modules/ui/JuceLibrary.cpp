// The JUCE modules' own sources come from the juce:: targets linked PRIVATE in CMakeLists.txt;
// a static library still needs one source file of its own.
namespace dragoman::ui
{
int juceLibraryAnchor = 0;
} // namespace dragoman::ui
