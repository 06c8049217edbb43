package app.pojo;

import java.util.ArrayList;
import java.util.List;

/** A greeting, as a Jackson-mapped POJO. */
public class Greeting {
  private String name;
  private String message;
  private String version;
  private List<String> tags = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  Greeting copy() {
    Greeting copy = new Greeting();
    copy.name = name;
    copy.message = message;
    copy.version = version;
    copy.tags = new ArrayList<>(tags);
    return copy;
  }
}
