package org.lemongate;

public final class Main {
  public static void main(String[] args) {
  }
}
